using LessonReview.Core.Data;
using LessonReview.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using LessonReview.Web.Localization;

namespace LessonReview.Web.Reviews;

/// <summary>What the review endpoints need, as one parameter.</summary>
public sealed record ReviewServices(LessonReviewDb Db, ReviewAccess Access, ReviewReader Reader, ReviewChanges Changes, TimeProvider Clock,
    ViewerTime Time, IStringLocalizer<SharedText> Text, Notifications.Notifier Notifier, HttpContext Http)
{
    public Caller Caller => Caller.Of(Http.User);
    public CancellationToken Aborted => Http.RequestAborted;

    public Task<ReviewContext?> FindAsync(Guid reviewId) => Access.FindAsync(Caller, reviewId, Aborted);

    /// <summary>
    /// Adds something whose id the client chose (a comment, an action item) once: when the id is
    /// stored already, <paramref name="repeated"/> answers (the same post again: 200; another: 409);
    /// and when the same post races itself (a retry beside the original), the loser's unique-key
    /// conflict is answered the same way.
    /// </summary>
    public async Task<T> AddOnceAsync<T>(Func<Task<T?>> repeated, Func<Task<T>> add) where T : class
    {
        if (await repeated() is { } answer) return answer;
        try
        {
            return await add();
        }
        catch (Exception e) when (DatabaseErrors.Classify(e) == FailureKind.Conflict)
        {
            Db.ChangeTracker.Clear();
            if (await repeated() is { } raced) return raced;
            throw;
        }
    }
}

/// <summary>Problem details the review endpoints share.</summary>
public static class ReviewProblems
{
    public static ProblemHttpResult NotFound() => TypedResults.Problem(
        "There is no such review, or you are not one of its participants. Check the link, or ask the coordinator to assign you.",
        statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Status(int status, Message detail) => detail.Problem(status);

    public static ProblemHttpResult BadRequest(Message detail) => Status(StatusCodes.Status400BadRequest, detail);
    public static ProblemHttpResult Forbidden(Message detail) => Status(StatusCodes.Status403Forbidden, detail);
    public static ProblemHttpResult Conflict(Message detail) => Status(StatusCodes.Status409Conflict, detail);
}
