using LessonReview.Core.Analysis;
using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Processing;
using LessonReview.Web.Accounts;
using LessonReview.Web.Lessons;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Analysis;

/// <summary>A lesson's talk analytics (issue 14): read it, or ask for it (again). Same visibility as the lesson.</summary>
public static class TalkApi
{
    public static IEndpointRouteBuilder MapTalkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/lessons/{id:guid}/talk").WithTags("Lessons").RequireAuthorization();
        api.MapGet("/", Get).WithName("GetLessonTalk")
            .WithSummary("Who talked how much: speech, silence, teacher and student time, talk share, student turns, longest teacher turn, median wait, segments.");
        api.MapPost("/", Request).WithName("AnalyseLessonTalk")
            .WithSummary("Analyse the lesson's talk (again): for lessons from before analysis existed, or after a failure.");
        app.MapGet("/api/users/{id:guid}/talk", History).WithTags("Lessons").RequireAuthorization()
            .WithName("GetTalkHistory").WithSummary("A trainee's talk share across their analysed lessons, oldest first (the trainee and coordinators).");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<TalkPointDto>>, ProblemHttpResult>> History(Guid id, TalkHistory history, HttpContext http)
    {
        var caller = Caller.Of(http.User);
        if (caller.Id != id && !caller.IsCoordinator) return new Message("Only the trainee and coordinators see a trainee's talk across lessons.").Problem(StatusCodes.Status403Forbidden);
        return TypedResults.Ok(await history.OfAsync(id, http.RequestAborted));
    }

    private static async Task<Results<Ok<TalkDto>, ProblemHttpResult>> Get(
        Guid id, LessonAccess access, LessonReviewDb db, IStringLocalizer<SharedText> text, HttpContext http, CancellationToken cancellationToken)
    {
        if (await access.FindVisibleAsync(Caller.Of(http.User), id, cancellationToken) is null) return LessonsApi.NotFound();
        var analysis = await db.TalkAnalyses.AsNoTracking().SingleOrDefaultAsync(t => t.LessonId == id, cancellationToken);
        return TypedResults.Ok(TalkDto.From(analysis, text));
    }

    private static async Task<Results<Accepted<TalkDto>, ProblemHttpResult>> Request(
        Guid id, LessonAccess access, LessonReviewDb db, TalkQueue queue, WorkSignal work, IStringLocalizer<SharedText> text, HttpContext http,
        CancellationToken cancellationToken)
    {
        var lesson = await access.FindVisibleAsync(Caller.Of(http.User), id, cancellationToken);
        if (lesson is null) return LessonsApi.NotFound();
        if (!queue.Enabled) return new Message(TalkJob.TurnedOff).Problem(StatusCodes.Status409Conflict);
        if (lesson.Status != LessonStatus.Ready)
            return new Message("This lesson is not playable yet; its talk is analysed as soon as it is.").Problem(StatusCodes.Status409Conflict);
        if (!await queue.PendingAsync(id, cancellationToken)) // asked twice: analysed once
        {
            await queue.AddAsync(id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            work.Notify();
        }
        var analysis = await db.TalkAnalyses.AsNoTracking().SingleAsync(t => t.LessonId == id, cancellationToken);
        return TypedResults.Accepted($"/api/lessons/{id}/talk", TalkDto.From(analysis, text));
    }
}
