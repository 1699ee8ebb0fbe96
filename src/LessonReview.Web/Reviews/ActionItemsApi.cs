using System.Globalization;
using LessonReview.Core.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static LessonReview.Web.Reviews.ReviewProblems;
using LessonReview.Web.Localization;

namespace LessonReview.Web.Reviews;

/// <summary>
/// Action items: goals agreed for the next lesson, due by default on the trainee's next lesson date,
/// linked to the comments they come from. The trainee acknowledges them; anyone on the review marks
/// them done or dropped. Open items of earlier lessons can be checked off from the next lesson's review.
/// </summary>
public static class ActionItemsApi
{
    public const int MaxTextLength = 1000;

    /// <param name="Id">Client-chosen (a GUID minted once per draft), so a repeated post cannot add the item twice.</param>
    public sealed record PostActionItemRequest(string? Text, string? DueDate, List<Guid>? CommentIds, Guid? Id = null);
    public sealed record PatchActionItemRequest(string? Status, bool? Acknowledged);

    public static IEndpointRouteBuilder MapActionItemsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reviews/{id:guid}/action-items").WithTags("Action items").RequireAuthorization().RequireRateLimiting(RateLimits.Writes);
        api.MapPost("/", Post).WithName("AddActionItem").WithSummary("Agree an action item (due: the next lesson unless given); idempotent by id.");
        api.MapPatch("/{itemId:guid}", Patch).WithName("UpdateActionItem")
            .WithSummary("Mark done or dropped, or acknowledge (trainee); also items of earlier lessons from the next review.");
        return app;
    }

    private static async Task<Results<Created<ActionItemDto>, Ok<ActionItemDto>, ProblemHttpResult>> Post(Guid id, PostActionItemRequest request, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        if (found is null) return NotFound();
        var text = (request.Text ?? "").Trim();
        if (text.Length == 0) return BadRequest("Write what the trainee should do, for example \"Model the task before pair work\".");
        if (text.Length > MaxTextLength) return BadRequest(new Message("The action item is {0} characters long; keep it to {1}.", text.Length, MaxTextLength));
        DateOnly? due = found.Lesson.NextLessonDate;
        if (!string.IsNullOrEmpty(request.DueDate))
        {
            if (!DateOnly.TryParseExact(request.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return BadRequest(new Message("The due date '{0}' is not a date: use the form 2026-04-15.", request.DueDate));
            // Before today in the writer's time zone: the day their date picker and the pages call today.
            if (parsed < s.Time.Today)
                return BadRequest(new Message("The due date {0} has already passed: choose today or a later day (or leave it empty for the next lesson).", request.DueDate));
            due = parsed;
        }
        var commentIds = (request.CommentIds ?? []).Distinct().ToList();
        if (commentIds.Count > 20) return BadRequest("Link at most 20 comments to one action item.");
        var known = await s.Db.Comments.CountAsync(c => c.ReviewId == id && c.DeletedAt == null && commentIds.Contains(c.Id), s.Aborted);
        if (known != commentIds.Count) return BadRequest("Some linked comments are not in this review (or were deleted).");
        var itemId = request.Id ?? Guid.NewGuid();
        var linked = string.Join(',', commentIds);
        return await s.AddOnceAsync(() => RepeatedPostAsync(id, itemId, text, due, linked, s), async () =>
        {
            var dto = await AddAsync(id, itemId, text, due, linked, s);
            return (Results<Created<ActionItemDto>, Ok<ActionItemDto>, ProblemHttpResult>)TypedResults.Created($"/api/reviews/{id}/action-items/{dto.Id}", dto);
        });
    }

    /// <summary>An answer when an item with this id exists: the same post again (200), or another with the id (409).</summary>
    private static async Task<Results<Created<ActionItemDto>, Ok<ActionItemDto>, ProblemHttpResult>?> RepeatedPostAsync(
        Guid id, Guid itemId, string text, DateOnly? due, string linked, ReviewServices s)
    {
        var existing = await s.Db.ActionItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId, s.Aborted);
        if (existing is null) return null;
        var same = existing.ReviewId == id && existing.CreatedById == s.Caller.Id && existing.Text == text && existing.DueDate == due && existing.CommentIds == linked;
        return same
            ? TypedResults.Ok(ActionItemDto.From(existing))
            : Conflict("A different action item already has this id. Post with a new id (a fresh GUID).");
    }

    private static Task<ActionItemDto> AddAsync(Guid id, Guid itemId, string text, DateOnly? due, string linked, ReviewServices s) =>
        s.Changes.ApplyAsync(id, (seq, now) =>
        {
            var item = new ActionItem
            {
                Id = itemId, ReviewId = id, Text = text, DueDate = due, CreatedById = s.Caller.Id, CreatedAt = now, UpdatedAt = now, Seq = seq,
                CommentIds = linked,
            };
            s.Db.ActionItems.Add(item);
            var added = ActionItemDto.From(item);
            return Task.FromResult((added, ReviewEventTypes.ActionItemChanged, (object)added));
        }, s.Aborted);

    private static async Task<Results<Ok<ActionItemDto>, ProblemHttpResult>> Patch(Guid id, Guid itemId, PatchActionItemRequest request, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        if (found is null) return NotFound();
        var item = await s.Db.ActionItems.SingleOrDefaultAsync(i => i.Id == itemId, s.Aborted);
        // An earlier review's item, only for someone who may see that review too (its mentors, the trainee, coordinators).
        if (item is null || (item.ReviewId != id && (await s.FindAsync(item.ReviewId) is null || !await IsEarlierItemOfSameTraineeAsync(s, item, found))))
            return Status(StatusCodes.Status404NotFound, "This action item is not part of this review or the trainee's earlier lessons.");
        if (request.Status is not null && !ActionItemStatus.All.Contains(request.Status))
            return BadRequest(new Message("Status must be one of: {0}.", string.Join(", ", ActionItemStatus.All)));
        if (request.Acknowledged is not null && found.Role != ReviewRole.Trainee)
            return Forbidden("Only the trainee acknowledges action items.");
        if (request.Status is null && request.Acknowledged is null) return BadRequest("Send a status (open, done, dropped) or acknowledged: true.");

        // The change belongs to the item's own review, whose viewers and log must see it.
        var dto = await s.Changes.ApplyAsync(item.ReviewId, (seq, now) =>
        {
            if (request.Status is not null) item.Status = request.Status;
            if (request.Acknowledged is { } acknowledged) item.AcknowledgedAt = acknowledged ? item.AcknowledgedAt ?? now : null;
            (item.UpdatedAt, item.Seq) = (now, seq);
            var updated = ActionItemDto.From(item);
            return Task.FromResult((updated, ReviewEventTypes.ActionItemChanged, (object)updated));
        }, s.Aborted);
        return TypedResults.Ok(dto);
    }

    private static async Task<bool> IsEarlierItemOfSameTraineeAsync(ReviewServices s, ActionItem item, ReviewContext current) =>
        await s.Db.Reviews.Where(r => r.Id == item.ReviewId)
            .Join(s.Db.Lessons, r => r.LessonId, l => l.Id, (r, l) => l)
            .AnyAsync(l => l.OwnerId == current.Lesson.OwnerId && l.CreatedAt < current.Lesson.CreatedAt, s.Aborted);
}
