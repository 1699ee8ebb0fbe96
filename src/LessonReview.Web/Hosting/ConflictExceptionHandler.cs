using LessonReview.Web.Reviews;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Hosting;

/// <summary>Writes that lost a race answer 409 with what happened, not 500.</summary>
public sealed class ConflictExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var detail = exception switch
        {
            ReviewConflictException conflict => conflict.Message,
            DbUpdateException => "Someone else changed this at the same moment. Reload and try again.",
            _ => null,
        };
        if (detail is null) return false;
        http.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http, Exception = exception,
            ProblemDetails = { Status = 409, Title = "Conflict", Detail = detail },
        });
    }
}
