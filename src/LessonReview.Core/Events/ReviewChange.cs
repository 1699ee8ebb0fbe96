namespace LessonReview.Core.Events;

/// <summary>
/// A committed change to a review: the hub event name (CommentAdded, CommentUpdated, CommentDeleted,
/// StageChanged, ActionItemChanged, PresenceChanged) and its camelCase JSON argument.
/// </summary>
public sealed record ReviewChange(Guid ReviewId, long Seq, string Type, string PayloadJson);

/// <summary>Delivers review changes to every viewer of the review (in-process hub by default).</summary>
public interface IReviewEventPublisher
{
    Task PublishAsync(ReviewChange change, CancellationToken cancellationToken = default);
}
