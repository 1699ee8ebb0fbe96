namespace LessonReview.Core.Notifications;

/// <summary>
/// Something a person should know about (a review to give, feedback ready, items due tomorrow), shown
/// in their in-app list with an unread count and, unless they turned that kind off, mailed to them.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }

    /// <summary>One of <see cref="NotificationKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The sentence as an English template and its values (<see cref="Lessons.FailureReason"/>'s encoding), written in the reader's language when shown.</summary>
    public required string Text { get; set; }

    /// <summary>Where the notification leads, relative to the site (/reviews/{id}, /next).</summary>
    public required string Link { get; set; }

    /// <summary>
    /// Makes a notification that must exist once (tomorrow's reminder, a week's digest) unique per
    /// person, so two instances scanning at once, or a scan that runs again, add it once. Null: no such rule.
    /// </summary>
    public string? Key { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>The kinds of notification; each can be turned off for e-mail on the settings page.</summary>
public static class NotificationKinds
{
    /// <summary>To mentors: a review was opened with them, or they were added to one.</summary>
    public const string ReviewRequested = "review-requested";
    /// <summary>To the trainee: a mentor moved the review to educate (the feedback is there to read).</summary>
    public const string FeedbackReady = "feedback-ready";
    /// <summary>To the trainee: the review moved to follow-up (their action items are set).</summary>
    public const string FollowUp = "follow-up";
    /// <summary>To the trainee, the day before: open action items are due tomorrow.</summary>
    public const string ItemsDue = "items-due";
    /// <summary>To coordinators, each Monday: the programme's week.</summary>
    public const string WeeklyDigest = "weekly-digest";

    public static readonly IReadOnlyList<string> All = [ReviewRequested, FeedbackReady, FollowUp, ItemsDue, WeeklyDigest];

    /// <summary>The kinds a role receives, for the settings page.</summary>
    public static IReadOnlyList<string> For(string role) => role switch
    {
        Accounts.Roles.Trainee => [FeedbackReady, FollowUp, ItemsDue],
        Accounts.Roles.Mentor => [ReviewRequested],
        Accounts.Roles.Coordinator => [WeeklyDigest],
        _ => [],
    };
}
