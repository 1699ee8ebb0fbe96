namespace LessonReview.Web.Notifications;

/// <summary>Configuration section "Notifications": the reminders and digests the app sends on its own.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>How often each instance looks for reminders and digests that are due; 0 turns the scan off.</summary>
    public int ScanMinutes { get; set; } = 10;

    /// <summary>
    /// Reminders (items due tomorrow) and the Monday digest go out from this hour of the recipient's
    /// day (their time zone), not at midnight.
    /// </summary>
    public int ReminderHour { get; set; } = 7;
}
