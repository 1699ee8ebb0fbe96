using LessonReview.Core.Notifications;
using LessonReview.Core.Reviews;
using LessonReview.Web.Notifications;

namespace LessonReview.Web.Reviews;

/// <summary>What a review's participants are told when it is requested or moves on (the sentences are SharedText keys).</summary>
public static class ReviewNotices
{
    public static Notifier.Note Requested(string asker, string lessonTitle, Guid reviewId) =>
        new(NotificationKinds.ReviewRequested, new("{0} asked you to review “{1}”.", asker, lessonTitle), Link(reviewId));

    /// <summary>For the trainee when a mentor or coordinator moves the review on; null for stages nobody is told about.</summary>
    public static Notifier.Note? StageReached(string stage, string mover, string lessonTitle, Guid reviewId) => stage switch
    {
        ReviewStages.Educate => new(NotificationKinds.FeedbackReady,
            new("Feedback on “{0}” is ready: {1} moved it to educate.", lessonTitle, mover), Link(reviewId)),
        ReviewStages.FollowUp => new(NotificationKinds.FollowUp,
            new("“{0}” is in follow-up: {1} set your action items. Look at them before your next lesson.", lessonTitle, mover), Link(reviewId)),
        _ => null,
    };

    private static string Link(Guid reviewId) => $"/reviews/{reviewId}";
}
