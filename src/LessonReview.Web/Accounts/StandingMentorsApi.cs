using LessonReview.Web.Hosting;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LessonReview.Web.Accounts;

/// <summary>GET and PUT /api/users/{id}/mentors: a trainee's standing mentors.</summary>
public static class StandingMentorsApi
{
    public sealed record StandingMentorsRequest(List<Guid>? UserIds);

    public static IEndpointRouteBuilder MapStandingMentorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users/{id:guid}/mentors").WithTags("Accounts").RequireAuthorization();
        api.MapGet("/", Get).WithName("GetStandingMentors").WithSummary("A trainee's standing mentors (coordinators, and the trainee).");
        api.MapPut("/", Put).RequireAuthorization(Policies.Coordinator).RequireRateLimiting(RateLimits.Writes).WithName("SetStandingMentors")
            .WithSummary("Replace a trainee's standing mentors (coordinators): reviews the trainee opens go to them unless others are chosen.");
        return app;
    }

    private static async Task<Results<Ok<List<SessionApi.UserDto>>, ProblemHttpResult>> Get(Guid id, StandingMentors standing, HttpContext http)
    {
        var caller = Caller.Of(http.User);
        if (!caller.IsCoordinator && caller.Id != id)
            return new Message("Only coordinators, and the trainee themself, see a trainee's standing mentors.").Problem(StatusCodes.Status403Forbidden);
        return TypedResults.Ok(await standing.OfAsync(id, http.RequestAborted));
    }

    private static async Task<Results<Ok<List<SessionApi.UserDto>>, ProblemHttpResult>> Put(Guid id, StandingMentorsRequest request, StandingMentors standing, HttpContext http)
    {
        if (await standing.SetAsync(id, request.UserIds ?? [], http.RequestAborted) is { } problem)
            return problem.Problem(StatusCodes.Status400BadRequest);
        return TypedResults.Ok(await standing.OfAsync(id, http.RequestAborted));
    }
}
