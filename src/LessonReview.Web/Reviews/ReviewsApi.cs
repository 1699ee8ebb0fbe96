using LessonReview.Core.Accounts;
using LessonReview.Core.Lessons;
using LessonReview.Core.Reviews;
using LessonReview.Web.Accounts;
using LessonReview.Web.Lessons;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static LessonReview.Web.Reviews.ReviewProblems;
using LessonReview.Web.Localization;

namespace LessonReview.Web.Reviews;

/// <summary>Reviews: open one on a ready lesson, assign mentors, list the queue, read one, move its stage, catch up.</summary>
public static class ReviewsApi
{
    /// <param name="MentorIds">Who is asked for feedback.</param>
    /// <param name="Kind">"mentored" (the default) or "self". A mentored review with no mentors given goes to the trainee's standing mentors.</param>
    public sealed record CreateReviewRequest(List<Guid>? MentorIds, string? Kind = null);
    public sealed record MentorsRequest(List<Guid>? UserIds);
    public sealed record StageRequest(string? Stage);

    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/lessons/{lessonId:guid}/reviews", Create).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithTags("Reviews").WithName("CreateReview")
            .WithSummary("Open a review on a ready lesson (its trainee or a coordinator): to the mentors named, else to the trainee's standing mentors; kind self is the trainee's private self-review.");
        var api = app.MapGroup("/api/reviews").WithTags("Reviews").RequireAuthorization();
        api.MapGet("/", List).WithName("ListReviews").WithSummary("Reviews the caller takes part in: unfinished first, most overdue next, then waiting longest.");
        api.MapGet("/{id:guid}", Get).WithName("GetReview").WithSummary("A review with comments, action items, stage history and seq.");
        api.MapPut("/{id:guid}/mentors", SetMentors).RequireRateLimiting(RateLimits.Writes).WithName("SetReviewMentors")
            .WithSummary("Replace the review's mentors (its trainee or a coordinator); the first mentor shares a self-review.");
        api.MapPost("/{id:guid}/stage", ChangeStage).RequireRateLimiting(RateLimits.Writes).WithName("ChangeReviewStage")
            .WithSummary("Move the review one stage (mentors and coordinators; the rules are in the README).");
        api.MapGet("/{id:guid}/events", Events).WithName("ReviewEvents")
            .WithSummary("Changes after afterSeq, in order: what a reconnecting viewer missed.");
        return app;
    }

    private static async Task<Results<Created<ReviewDto>, ProblemHttpResult>> Create(
        Guid lessonId, CreateReviewRequest? request, LessonAccess lessons, StandingMentors standing, [AsParameters] ReviewServices s)
    {
        var lesson = await lessons.FindVisibleAsync(s.Caller, lessonId, s.Aborted);
        if (lesson is null) return LessonsApi.NotFound();
        if (!(s.Caller.IsCoordinator || lesson.OwnerId == s.Caller.Id))
            return Forbidden("Only the trainee who taught this lesson, or a coordinator, opens a review of it.");
        if (!lesson.IsPlayable()) // a review may start while the rest of the lesson still encodes
            return Conflict(new Message("This lesson is still {0}. Open a review once its video is ready to watch.", lesson.Status));
        var mentorIds = (request?.MentorIds ?? []).Distinct().ToList();
        var kind = request?.Kind ?? ReviewKinds.Mentored;
        if (!ReviewKinds.All.Contains(kind)) return BadRequest(new Message("Kind must be one of: {0}.", string.Join(", ", ReviewKinds.All)));
        if (kind == ReviewKinds.Mentored && mentorIds.Count == 0)
        {
            // Nobody named: the review goes to the trainee's standing mentors, and is refused in words when there are none.
            mentorIds = (await standing.OfAsync(lesson.OwnerId, s.Aborted)).Select(m => m.Id).ToList();
            if (mentorIds.Count == 0)
                return BadRequest("Nobody would be asked: no mentors were chosen and the trainee has no standing mentors yet. Choose the mentors to ask, or open a self-review (kind \"self\") to take your own notes first.");
        }
        if (kind == ReviewKinds.Self && lesson.OwnerId != s.Caller.Id)
            return Forbidden("A self-review is the trainee's own: only the trainee who taught this lesson opens one.");
        if (await CheckMentorsAsync(s, mentorIds) is { } problem) return problem;

        var now = DateTime.UtcNow;
        var review = new Review
        {
            LessonId = lessonId, Kind = kind, SharedAt = mentorIds.Count > 0 ? now : null, CreatedById = s.Caller.Id, CreatedAt = now, UpdatedAt = now,
        };
        s.Db.Reviews.Add(review);
        s.Db.StageChanges.Add(new StageChange { ReviewId = review.Id, Stage = ReviewStages.Observe, ByUserId = s.Caller.Id, At = now });
        s.Db.ReviewMentors.AddRange(mentorIds.Select(m => new ReviewMentor { ReviewId = review.Id, UserId = m }));
        await s.Notifier.AddAsync(mentorIds, ReviewNotices.Requested(s.Caller.Name, lesson.Title, review.Id), s.Aborted);
        await s.Db.SaveChangesAsync(s.Aborted);
        await s.Notifier.PublishAsync(s.Aborted);
        return TypedResults.Created($"/api/reviews/{review.Id}", await s.Reader.ReadAsync(review, lesson, s.Aborted));
    }

    private static async Task<Ok<List<ReviewSummaryDto>>> List([AsParameters] ReviewServices s) =>
        TypedResults.Ok(await s.Reader.SummariesAsync(s.Access.Visible(s.Caller), s.Aborted));

    private static async Task<Results<Ok<ReviewDto>, ProblemHttpResult>> Get(Guid id, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        return found is null ? NotFound() : TypedResults.Ok(await s.Reader.ReadAsync(found.Review, found.Lesson, s.Aborted));
    }

    private static async Task<Results<Ok<ReviewDto>, ProblemHttpResult>> SetMentors(Guid id, MentorsRequest request, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        if (found is null) return NotFound();
        if (found.Role == ReviewRole.Mentor) return Forbidden("Only the trainee or a coordinator chooses a review's mentors.");
        var mentorIds = (request.UserIds ?? []).Distinct().ToList();
        if (await CheckMentorsAsync(s, mentorIds) is { } problem) return problem;
        var before = await s.Db.ReviewMentors.Where(m => m.ReviewId == id).Select(m => m.UserId).ToListAsync(s.Aborted);

        // A change like any other (seq, event log, broadcast), so every instance can close a removed mentor's live view.
        await s.Changes.ApplyAsync(id, async (seq, now) =>
        {
            // Inviting the first mentor shares a self-review: from then on its mentors and coordinators see it.
            if (mentorIds.Count > 0)
                await s.Db.Reviews.Where(r => r.Id == id && r.SharedAt == null).ExecuteUpdateAsync(u => u.SetProperty(r => r.SharedAt, now), s.Aborted);
            await s.Db.ReviewMentors.Where(m => m.ReviewId == id).ExecuteDeleteAsync(s.Aborted);
            s.Db.ReviewMentors.AddRange(mentorIds.Select(m => new ReviewMentor { ReviewId = id, UserId = m }));
            // Only those newly asked are told; the ones already on it know.
            await s.Notifier.AddAsync(mentorIds.Except(before), ReviewNotices.Requested(s.Caller.Name, found.Lesson.Title, id), s.Aborted);
            var dto = new MentorsChangedDto(id, mentorIds, s.Caller.Id, now, seq);
            return (dto, ReviewEventTypes.MentorsChanged, (object)dto);
        }, s.Aborted);
        await s.Notifier.PublishAsync(s.Aborted);
        await s.Db.Entry(found.Review).ReloadAsync(s.Aborted); // its seq moved on
        return TypedResults.Ok(await s.Reader.ReadAsync(found.Review, found.Lesson, s.Aborted));
    }

    private static async Task<Results<Ok<StageChangedDto>, ProblemHttpResult>> ChangeStage(Guid id, StageRequest request, Framework.GrowthFramework framework, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        if (found is null) return NotFound();
        var to = request.Stage ?? "";
        var comments = await s.Db.Comments.CountAsync(c => c.ReviewId == id && c.DeletedAt == null, s.Aborted);
        var items = await s.Db.ActionItems.Where(i => i.ReviewId == id).Select(i => i.Status).ToListAsync(s.Aborted);
        var unrated = to == ReviewStages.FollowUp ? await Framework.FrameworkApi.UnratedAsync(framework, s, id) : [];
        var rule = StageRules.Check(found.Review.Stage, to, found.Role, found.Review.Kind, comments, items.Count, items.Count(i => i == ActionItemStatus.Open), unrated);
        if (rule is { } broken) return Status(broken.Status, broken.Message);

        var changed = await s.Changes.ApplyAsync(id, async (seq, now) =>
        {
            // Re-checked inside the transaction: two mentors pressing the button at once move it once.
            var current = await s.Db.Reviews.Where(r => r.Id == id).Select(r => r.Stage).SingleAsync(s.Aborted);
            if (current != found.Review.Stage) throw new ReviewConflictException(new Message("Someone else just moved this review to {0}. Reload to see it.", current));
            await s.Db.Reviews.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Stage, to), s.Aborted);
            s.Db.StageChanges.Add(new StageChange { ReviewId = id, Stage = to, ByUserId = s.Caller.Id, At = now, Seq = seq });
            // The trainee hears of feedback and follow-up, unless they moved it themself (a self-review).
            if (found.Lesson.OwnerId != s.Caller.Id && ReviewNotices.StageReached(to, s.Caller.Name, found.Lesson.Title, id) is { } notice)
                await s.Notifier.AddAsync([found.Lesson.OwnerId], notice, s.Aborted);
            var dto = new StageChangedDto(id, to, s.Caller.Id, now, seq);
            return (dto, ReviewEventTypes.StageChanged, (object)dto);
        }, s.Aborted);
        await s.Notifier.PublishAsync(s.Aborted);
        return TypedResults.Ok(changed);
    }

    private static async Task<Results<Ok<List<ReviewEventDto>>, ProblemHttpResult>> Events(Guid id, long? afterSeq, [AsParameters] ReviewServices s)
    {
        if (await s.FindAsync(id) is null) return NotFound();
        var after = afterSeq ?? 0;
        var rows = await s.Db.ReviewEvents.Where(e => e.ReviewId == id && e.Seq > after).OrderBy(e => e.Seq).Take(1000).ToListAsync(s.Aborted);
        return TypedResults.Ok(rows.Select(e => new ReviewEventDto(e.Seq, e.Type,
            System.Text.Json.JsonDocument.Parse(e.Payload).RootElement.Clone(), e.At)).ToList());
    }

    private static async Task<ProblemHttpResult?> CheckMentorsAsync(ReviewServices s, List<Guid> mentorIds)
    {
        if (mentorIds.Count > 20) return BadRequest("A review can have at most 20 mentors.");
        return await MentorChoice.CheckAsync(s.Db, mentorIds, s.Aborted) is { } problem ? BadRequest(problem) : null;
    }
}

/// <summary>A write lost a race with another; answered as 409.</summary>
public sealed class ReviewConflictException(Message message) : Exception(message.ToString())
{
    public Message Sentence { get; } = message;
}
