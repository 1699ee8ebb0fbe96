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
