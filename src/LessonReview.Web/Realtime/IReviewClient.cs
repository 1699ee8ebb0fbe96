using LessonReview.Web.Reviews;

namespace LessonReview.Web.Realtime;

/// <summary>
/// Events the server sends to browsers on /hubs/review, each with one camelCase object. Review
/// changes are broadcast by name from the stored event (HubReviewEventPublisher), so the hub and
/// <c>GET /api/reviews/{id}/events</c> always carry the same payload; this interface documents them.
/// </summary>
public interface IReviewClient
{
    Task LessonProgress(LessonProgressMessage progress);
    Task CommentAdded(CommentDto comment);
    Task CommentUpdated(CommentDto comment);
    Task CommentDeleted(CommentDeletedDto deleted);
    Task StageChanged(StageChangedDto change);
    Task ActionItemChanged(ActionItemDto item);
    Task MentorsChanged(MentorsChangedDto change);
    Task RatingsChanged(RatingsChangedDto change);
    Task PresenceChanged(PresenceMessage presence);
    /// <summary>Sent only to a removed mentor's connections, which have already left the review's group.</summary>
    Task AccessRevoked(AccessRevokedMessage message);

    /// <summary>Changes may have been missed (this instance's event listener was reconnecting): fetch /events?afterSeq=N.</summary>
    Task CatchUp();

    /// <summary>Sent to a person's every connection when their notifications change: the header's unread count.</summary>
    Task NotificationsChanged(Notifications.NotificationsChangedMessage message);

    /// <summary>This connection's sign-in ended (signed out, account disabled, password reset): stop and ask the person to sign in.</summary>
    Task SessionEnded(SessionEndedMessage message);
}

public sealed record LessonProgressMessage(Guid LessonId, string Status, double Progress, string? Error, bool Playable);

public sealed record Viewer(Guid UserId, string Name, string Role);

public sealed record PresenceMessage(Guid ReviewId, IReadOnlyList<Viewer> Viewers);
