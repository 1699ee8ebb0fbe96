using LessonReview.Web.Localization;
using LessonReview.Core.Data;
using LessonReview.Web.Reviews;
using Microsoft.AspNetCore.Diagnostics;

namespace LessonReview.Web.Hosting;

/// <summary>
/// Unhandled failures answer the status of their cause, with what to do: 409 only for a real
/// conflict, 400 for a value that cannot be stored, 507 when the disk is full, 503 when the
/// database is unreachable. Anything else stays a 500 (logged by the framework).
/// </summary>
public sealed class FailureExceptionHandler(IProblemDetailsService problems, ILogger<FailureExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception is ReviewConflictException conflict
            ? (409, "Conflict", conflict.Sentence)
            : DatabaseErrors.Classify(exception) switch
            {
                FailureKind.Conflict => (409, "Conflict", "Someone else changed this at the same moment. Reload and try again."),
                FailureKind.InvalidValue => (400, "Value cannot be stored",
                    "Some of the text cannot be stored (it may contain a hidden control character). Retype it and try again."),
                FailureKind.OutOfSpace => (507, "Storage full",
                    "The server has run out of space, so this was not saved. What was saved before is safe. Try again later, and tell your coordinator."),
                FailureKind.Unavailable => (503, "Database unavailable",
                    "The server cannot reach its database just now. Nothing was changed; try again in a minute."),
                _ => (0, "", (Message)""),
            };
        if (status == 0) return false;
        if (status >= 500) log.LogWarning(exception, "{Path} answered {Status}: {Title}", http.Request.Path, status, title);
        http.Response.StatusCode = status;
        if (status == 503) http.Response.Headers.RetryAfter = "30";
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail.ToString() };
        detail.CarryIn(problem.Extensions);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, Exception = exception, ProblemDetails = problem });
    }
}
