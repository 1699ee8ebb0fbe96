namespace LessonReview.Core.Reviews;

/// <summary>
/// One coaching cycle on a lesson: observe → educate → follow-up → done. Every change to it gets
/// the next <see cref="Seq"/> and a <see cref="ReviewEvent"/>, so a reconnecting viewer catches up exactly.
/// </summary>
public sealed class Review
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid LessonId { get; set; }
    public string Stage { get; set; } = ReviewStages.Observe;
    /// <summary><see cref="ReviewKinds.Mentored"/>, or <see cref="ReviewKinds.Self"/>: the trainee reviews their own lesson first.</summary>
    public string Kind { get; set; } = ReviewKinds.Mentored;
    /// <summary>When mentors were first asked; a self-review is private to its trainee until then.</summary>
    public DateTime? SharedAt { get; set; }

    /// <summary>Private: a self-review nobody else has been invited to (coordinators do not see it either).</summary>
    public bool IsPrivate => Kind == ReviewKinds.Self && SharedAt is null;
    /// <summary>The last sequence number handed out for this review.</summary>
    public long Seq { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}

public static class ReviewQueries
{
    /// <summary>The reviews that are not private (<see cref="Review.IsPrivate"/>, as a query): what coordinators count and mentors may see.</summary>
    public static IQueryable<Review> Shared(this IQueryable<Review> reviews) =>
        reviews.Where(r => r.Kind != ReviewKinds.Self || r.SharedAt != null);
}

/// <summary>A mentor assigned to a review.</summary>
public sealed class ReviewMentor
{
    public Guid ReviewId { get; set; }
    public Guid UserId { get; set; }
}

/// <summary>One move of a review's stage: who and when.</summary>
public sealed class StageChange
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }
    public required string Stage { get; set; }
    public Guid ByUserId { get; set; }
    public DateTime At { get; set; }
    public long Seq { get; set; }
}

/// <summary>A time-coded comment: at a moment (<see cref="EndSeconds"/> null) or over a range.</summary>
public sealed class Comment
{
    /// <summary>Chosen by the client, so a retried post is recognised (idempotent).</summary>
    public Guid Id { get; set; }
    public Guid ReviewId { get; set; }
    public Guid? ParentId { get; set; }
    public double AtSeconds { get; set; }
    public double? EndSeconds { get; set; }
    public required string Kind { get; set; }
    /// <summary>Stored exactly as typed; pages render it as text, never as HTML.</summary>
    public required string Text { get; set; }
    public Guid AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    /// <summary>Written by the trainee in their own self-review: mentors see it marked as the trainee's reflection.</summary>
    public bool SelfReviewNote { get; set; }
    /// <summary>The growth-framework area this comment is about, if the author chose one.</summary>
    public Guid? AreaId { get; set; }
    /// <summary>Soft delete, so the deletion itself can be replayed to a reconnecting viewer.</summary>
    public DateTime? DeletedAt { get; set; }
    public long Seq { get; set; }
}

/// <summary>An agreed goal for the next lesson.</summary>
public sealed class ActionItem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }
    public required string Text { get; set; }
    public DateOnly? DueDate { get; set; }
    public string Status { get; set; } = ActionItemStatus.Open;
    public DateTime? AcknowledgedAt { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Seq { get; set; }
    /// <summary>Comment ids this item comes from, comma-separated (a handful at most).</summary>
    public string CommentIds { get; set; } = "";
}

/// <summary>One change to a review, kept for catch-up (<c>GET /api/reviews/{id}/events?afterSeq=N</c>).</summary>
public sealed class ReviewEvent
{
    public Guid ReviewId { get; set; }
    public long Seq { get; set; }
    /// <summary>The hub event's name: CommentAdded, CommentUpdated, CommentDeleted, StageChanged, ActionItemChanged.</summary>
    public required string Type { get; set; }
    /// <summary>The hub event's argument as camelCase JSON.</summary>
    public required string Payload { get; set; }
    public DateTime At { get; set; }
}

public static class ReviewStages
{
    public const string Observe = "observe";
    public const string Educate = "educate";
    public const string FollowUp = "follow-up";
    public const string Done = "done";
    public static readonly IReadOnlyList<string> All = [Observe, Educate, FollowUp, Done];
}

/// <summary>Who a review is for.</summary>
public static class ReviewKinds
{
    /// <summary>Mentors are asked for feedback from the start.</summary>
    public const string Mentored = "mentored";
    /// <summary>The trainee watches and notes first ("be your own mentor"); private until mentors are invited; the trainee moves and closes it.</summary>
    public const string Self = "self";
    public static readonly IReadOnlyList<string> All = [Mentored, Self];
}

public static class CommentKinds
{
    public static readonly IReadOnlyList<string> All = ["observation", "strength", "suggestion", "question", "note"];
}

public static class ActionItemStatus
{
    public const string Open = "open";
    public const string Done = "done";
    public const string Dropped = "dropped";
    public static readonly IReadOnlyList<string> All = [Open, Done, Dropped];
}
