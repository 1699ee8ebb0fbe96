namespace LessonReview.Web.Localization;

/// <summary>Configuration section "Localization".</summary>
public sealed class LocalizationSettings
{
    public const string Section = "Localization";

    /// <summary>
    /// The IANA time zone of dates and times ("today", overdue, comment times) for people who have
    /// not chosen one on their settings page. The programme runs in Japan.
    /// </summary>
    public string DefaultTimeZone { get; set; } = "Asia/Tokyo";
}
