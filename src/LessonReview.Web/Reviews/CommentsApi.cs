using LessonReview.Core.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;
using LessonReview.Core.Data;
using Microsoft.EntityFrameworkCore;
using static LessonReview.Web.Reviews.ReviewProblems;
using LessonReview.Web.Localization;

namespace LessonReview.Web.Reviews;

/// <summary>
/// Time-coded comments. Posting is idempotent by the client-chosen id: the first post is 201, the
/// same post again 200 with the stored comment, the same id with other content 409. Text is stored
/// exactly as typed and shown as text, never as HTML.
/// </summary>
public static class CommentsApi
{
    public const int MaxTextLength = 4000;

    /// <param name="AreaId">The growth-framework area the comment is about (optional).</param>
    public sealed record PostCommentRequest(Guid? Id, double? AtSeconds, double? EndSeconds, string? Kind, string? Text, Guid? ParentId, Guid? AreaId = null);
    /// <param name="AreaId">A new area; the empty GUID takes the area off; left out, the area stays.</param>
    public sealed record PatchCommentRequest(double? AtSeconds, double? EndSeconds, string? Kind, string? Text, Guid? AreaId = null);

    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reviews/{id:guid}/comments").WithTags("Comments").RequireAuthorization().RequireRateLimiting(RateLimits.Writes);
        api.MapPost("/", Post).WithName("PostComment").WithSummary("Comment at a moment or over a range; idempotent by id.");
        api.MapPatch("/{commentId:guid}", Patch).WithName("EditComment").WithSummary("Edit your own comment.");
        api.MapDelete("/{commentId:guid}", Delete).WithName("DeleteComment").WithSummary("Delete your own comment (coordinators: any).");
        api.MapPost("/{commentId:guid}/acknowledge", Acknowledge).WithName("AcknowledgeComment").WithSummary("The trainee marks feedback as read.");
        return app;
    }

    private static async Task<Results<Created<CommentDto>, Ok<CommentDto>, ProblemHttpResult>> Post(Guid id, PostCommentRequest request, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        if (found is null) return NotFound();
        var text = request.Text ?? "";
        var kind = request.Kind ?? "";
        if (Validate(kind, text, request.AtSeconds, request.EndSeconds, found.Lesson.DurationSeconds) is { } problem) return BadRequest(problem);
        if (!await AreaInUseAsync(request.AreaId, s)) return BadRequest(Framework.GrowthFramework.NoSuchArea);
        var commentId = request.Id ?? Guid.NewGuid();

        return await s.AddOnceAsync(() => RepeatedPostAsync(id, commentId, request, kind, text, s), async () =>
        {
            if (request.ParentId is { } parentId)
            {
                var parent = await s.Db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == parentId && c.ReviewId == id && c.DeletedAt == null, s.Aborted);
                if (parent is null) return BadRequest("The comment you are replying to is not in this review (it may have been deleted).");
                if (parent.ParentId is not null) return BadRequest("Reply to the original comment, not to a reply.");
            }
            var dto = await AddAsync(found, commentId, request, kind, text, s);
            return (Results<Created<CommentDto>, Ok<CommentDto>, ProblemHttpResult>)TypedResults.Created($"/api/reviews/{id}/comments/{dto.Id}", dto);
        });
    }

    /// <summary>An answer when a comment with this id exists: the same post again (200), or another with the id (409).</summary>
    private static async Task<Results<Created<CommentDto>, Ok<CommentDto>, ProblemHttpResult>?> RepeatedPostAsync(
        Guid id, Guid commentId, PostCommentRequest request, string kind, string text, ReviewServices s)
    {
        var existing = await s.Db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == commentId, s.Aborted);
        if (existing is null) return null;
        var same = existing.ReviewId == id && existing.AuthorId == s.Caller.Id && existing.Text == text && existing.Kind == kind
                   && existing.AtSeconds == request.AtSeconds && existing.EndSeconds == request.EndSeconds && existing.ParentId == request.ParentId
                   && existing.AreaId == request.AreaId;
        return same && existing.DeletedAt is null
            ? TypedResults.Ok(await s.Reader.CommentAsync(existing, s.Aborted))
            : Conflict("A different comment already has this id. Post with a new id (a fresh GUID).");
    }

    private static Task<CommentDto> AddAsync(ReviewContext found, Guid commentId, PostCommentRequest request, string kind, string text, ReviewServices s) =>
        s.Changes.ApplyAsync(found.Review.Id, async (seq, now) =>
        {
            var id = found.Review.Id;
            var comment = new Comment
            {
                Id = commentId, ReviewId = id, ParentId = request.ParentId, AtSeconds = request.AtSeconds!.Value, EndSeconds = request.EndSeconds,
                Kind = kind, Text = text, AuthorId = s.Caller.Id, CreatedAt = now, UpdatedAt = now, Seq = seq,
                SelfReviewNote = found.Review.Kind == ReviewKinds.Self && found.Role == ReviewRole.Trainee && request.ParentId is null,
                AreaId = request.AreaId,
            };
            s.Db.Comments.Add(comment);
            var added = CommentDto.From(comment, s.Caller.Name);
            return (added, ReviewEventTypes.CommentAdded, (object)added);
        }, s.Aborted);

    private static async Task<Results<Ok<CommentDto>, ProblemHttpResult>> Patch(Guid id, Guid commentId, PatchCommentRequest request, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        if (found is null) return NotFound();
        var comment = await s.Db.Comments.SingleOrDefaultAsync(c => c.Id == commentId && c.ReviewId == id && c.DeletedAt == null, s.Aborted);
        if (comment is null) return Status(StatusCodes.Status404NotFound, "This comment no longer exists (it may have been deleted).");
        if (comment.AuthorId != s.Caller.Id) return Forbidden("You can edit only your own comments.");
        var (kind, text) = (request.Kind ?? comment.Kind, request.Text ?? comment.Text);
        var at = request.AtSeconds ?? comment.AtSeconds;
        var end = request.AtSeconds is not null || request.EndSeconds is not null ? request.EndSeconds : comment.EndSeconds;
        if (Validate(kind, text, at, end, found.Lesson.DurationSeconds) is { } problem) return BadRequest(problem);
        var area = request.AreaId is null ? comment.AreaId : request.AreaId == Guid.Empty ? null : request.AreaId;
        if (area != comment.AreaId && !await AreaInUseAsync(area, s)) return BadRequest(Framework.GrowthFramework.NoSuchArea);

        var dto = await s.Changes.ApplyAsync(id, (seq, now) =>
        {
            (comment.Kind, comment.Text, comment.AtSeconds, comment.EndSeconds, comment.UpdatedAt, comment.Seq) = (kind, text, at, end, now, seq);
            comment.AreaId = area;
            var updated = CommentDto.From(comment, s.Caller.Name);
            return Task.FromResult((updated, ReviewEventTypes.CommentUpdated, (object)updated));
        }, s.Aborted);
        return TypedResults.Ok(dto);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, Guid commentId, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        if (found is null) return NotFound();
        var comment = await s.Db.Comments.SingleOrDefaultAsync(c => c.Id == commentId && c.ReviewId == id, s.Aborted);
        if (comment is null || comment.DeletedAt is not null) return TypedResults.NoContent(); // already gone: deleting is idempotent
        if (comment.AuthorId != s.Caller.Id && found.Role != ReviewRole.Coordinator) return Forbidden("You can delete only your own comments.");

        await s.Changes.ApplyAsync(id, (seq, now) =>
        {
            (comment.DeletedAt, comment.UpdatedAt, comment.Seq) = (now, now, seq);
            return Task.FromResult((true, ReviewEventTypes.CommentDeleted, (object)new CommentDeletedDto(id, commentId, seq)));
        }, s.Aborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CommentDto>, ProblemHttpResult>> Acknowledge(Guid id, Guid commentId, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        if (found is null) return NotFound();
        if (found.Role != ReviewRole.Trainee) return Forbidden("Only the trainee whose lesson this is acknowledges feedback.");
        var comment = await s.Db.Comments.SingleOrDefaultAsync(c => c.Id == commentId && c.ReviewId == id && c.DeletedAt == null, s.Aborted);
        if (comment is null) return Status(StatusCodes.Status404NotFound, "This comment no longer exists (it may have been deleted).");
        if (comment.AcknowledgedAt is not null) return TypedResults.Ok(await s.Reader.CommentAsync(comment, s.Aborted));

        var dto = await s.Changes.ApplyAsync(id, async (seq, now) =>
        {
            (comment.AcknowledgedAt, comment.Seq) = (now, seq);
            var updated = await s.Reader.CommentAsync(comment, s.Aborted);
            return (updated, ReviewEventTypes.CommentUpdated, (object)updated);
        }, s.Aborted);
        return TypedResults.Ok(dto);
    }

    /// <summary>No area, or one the framework offers now.</summary>
    private static async Task<bool> AreaInUseAsync(Guid? areaId, ReviewServices s) =>
        areaId is null || await s.Db.GrowthAreas.AnyAsync(a => a.Id == areaId && a.ArchivedAt == null, s.Aborted);

    /// <summary>What is wrong with a comment, as a sentence; null when it is fine.</summary>
    internal static Message? Validate(string kind, string text, double? at, double? end, double? duration)
    {
        if (!CommentKinds.All.Contains(kind)) return new Message("Kind must be one of: {0}.", string.Join(", ", CommentKinds.All));
        if (string.IsNullOrWhiteSpace(text)) return "Write something in the comment.";
        if (text.Contains('\0')) return "The comment contains a hidden control character (NUL) that cannot be stored. Retype it and send again.";
        if (text.Length > MaxTextLength) return new Message("The comment is {0} characters long; keep it to {1} (split it into two comments).", text.Length, MaxTextLength);
        if (at is null || !double.IsFinite(at.Value) || at < 0) return "Give the moment as atSeconds, a number of seconds, 0 or more.";
        var limit = (duration ?? double.MaxValue) + 1;
        if (at > limit) return new Message("atSeconds {0} is after the end of the video ({1} s).", at.Value, duration!.Value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));
        if (end is not null && (!double.IsFinite(end.Value) || end <= at || end > limit)) return "A range must end after it starts and within the video: mark the end (o) later than the start (i), or comment at the moment only.";
        return null;
    }
}
