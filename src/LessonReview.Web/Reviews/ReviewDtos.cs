using System.Text.Json;
using LessonReview.Core.Reviews;

namespace LessonReview.Web.Reviews;

/// <summary>A comment as the API and the hub show it.</summary>
public sealed record CommentDto(
    Guid Id, Guid ReviewId, Guid? ParentId, double AtSeconds, double? EndSeconds, string Kind, string Text,
    Guid AuthorId, string AuthorName, DateTime CreatedAt, DateTime UpdatedAt, DateTime? AcknowledgedAt, long Seq, bool SelfReviewNote, Guid? AreaId = null)
{
    public static CommentDto From(Comment c, string authorName) => new(c.Id, c.ReviewId, c.ParentId, c.AtSeconds, c.EndSeconds,
        c.Kind, c.Text, c.AuthorId, authorName, c.CreatedAt, c.UpdatedAt, c.AcknowledgedAt, c.Seq, c.SelfReviewNote, c.AreaId);
}

/// <summary>An action item as the API and the hub show it.</summary>
public sealed record ActionItemDto(
    Guid Id, Guid ReviewId, string Text, DateOnly? DueDate, string Status, DateTime? AcknowledgedAt,
    IReadOnlyList<Guid> CommentIds, Guid CreatedById, DateTime CreatedAt, DateTime UpdatedAt, long Seq)
{
    public static ActionItemDto From(ActionItem i) => new(i.Id, i.ReviewId, i.Text, i.DueDate, i.Status, i.AcknowledgedAt,
        ParseIds(i.CommentIds), i.CreatedById, i.CreatedAt, i.UpdatedAt, i.Seq);

    internal static IReadOnlyList<Guid> ParseIds(string ids) =>
        ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
}

public sealed record StageChangeDto(string Stage, Guid ByUserId, DateTime At);

/// <summary>A review with everything the workspace shows (DESIGN.md: GET /api/reviews/{id}).</summary>
/// <param name="Kind">"mentored" or "self" (the trainee's own review).</param>
/// <param name="Private">A self-review no mentor has been invited to: only its trainee sees it.</param>
public sealed record ReviewDto(
    Guid Id, Guid LessonId, string Stage, string Kind, bool Private, IReadOnlyList<StageChangeDto> StageHistory, IReadOnlyList<Guid> MentorIds,
    IReadOnlyList<CommentDto> Comments, IReadOnlyList<ActionItemDto> ActionItems, long Seq,
    string LessonTitle, DateOnly? LessonDate, DateOnly? NextLessonDate, Guid TraineeId, string TraineeName,
    IReadOnlyList<ActionItemDto> PreviousActionItems, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<PersonDto> People,
    IReadOnlyList<AreaRatingDto> Ratings, IReadOnlyList<ItemOriginDto> PreviousItemOrigins);

/// <summary>
/// Where an action item of an earlier lesson comes from, so the next review can name that lesson and
/// play the moment (<paramref name="AtSeconds"/>: its first linked comment's, null when it has none).
/// </summary>
public sealed record ItemOriginDto(Guid ItemId, Guid ReviewId, string LessonTitle, DateOnly? LessonDate, double? AtSeconds);

/// <summary>A mentor's rating of one growth-framework area in a review.</summary>
public sealed record AreaRatingDto(Guid AreaId, int Level, Guid RatedById, DateTime RatedAt);

/// <summary>The review's ratings are now exactly <paramref name="Ratings"/>.</summary>
public sealed record RatingsChangedDto(Guid ReviewId, IReadOnlyList<AreaRatingDto> Ratings, Guid ByUserId, DateTime At, long Seq);

/// <summary>Someone a review mentions (its trainee, mentors, whoever moved its stage), so every participant can show their names.</summary>
public sealed record PersonDto(Guid Id, string Name);

/// <summary>A review in a list (queue): enough to sort and choose.</summary>
public sealed record ReviewSummaryDto(
    Guid Id, Guid LessonId, string LessonTitle, DateOnly? LessonDate, DateOnly? NextLessonDate, string Stage, string Kind, bool Private,
    Guid TraineeId, string TraineeName, IReadOnlyList<Guid> MentorIds, int CommentCount, int OpenActionItems,
    DateOnly? NextDue, DateTime CreatedAt, DateTime UpdatedAt, DateTime RequestedAt);

public sealed record CommentDeletedDto(Guid ReviewId, Guid CommentId, long Seq);

public sealed record StageChangedDto(Guid ReviewId, string Stage, Guid ByUserId, DateTime At, long Seq);

/// <summary>The review's mentors are now exactly <paramref name="MentorIds"/>; a removed mentor's open pages lose access at once.</summary>
public sealed record MentorsChangedDto(Guid ReviewId, IReadOnlyList<Guid> MentorIds, Guid ByUserId, DateTime At, long Seq);

/// <summary>One entry of <c>GET /api/reviews/{id}/events</c>: the hub event's name and argument.</summary>
public sealed record ReviewEventDto(long Seq, string Type, JsonElement Data, DateTime At);

public static class ReviewEventTypes
{
    public const string CommentAdded = nameof(CommentAdded);
    public const string CommentUpdated = nameof(CommentUpdated);
    public const string CommentDeleted = nameof(CommentDeleted);
    public const string StageChanged = nameof(StageChanged);
    public const string ActionItemChanged = nameof(ActionItemChanged);
    public const string MentorsChanged = nameof(MentorsChanged);
    public const string RatingsChanged = nameof(RatingsChanged);
}
