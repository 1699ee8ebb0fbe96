using LessonReview.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LessonReview.Web.Accounts;

/// <summary>PATCH /api/users/{id}: coordinators change a person's name, role, or switch the account off and on.</summary>
public static class AccountsApi
{
    public sealed record PatchUserRequest(string? Role, bool? Disabled, string? Name);

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapPatch("/api/users/{id:guid}", Patch).WithTags("Accounts").RequireAuthorization(Policies.Coordinator).RequireRateLimiting(RateLimits.Writes)
            .WithName("UpdateUser").WithSummary("Change a person's name or role, or switch their account off or on (coordinators); open sessions feel it at once.");
        return app;
    }

    private static async Task<Results<Ok<AccountAdmin.AccountDto>, ProblemHttpResult>> Patch(Guid id, PatchUserRequest request, AccountAdmin admin, HttpContext http)
    {
        var caller = Caller.Of(http.User);
        if (await admin.ApplyAsync(caller.Id, id, new(request.Role, request.Disabled, request.Name), http.RequestAborted) is { } refused)
            return refused.Problem.Problem(refused.Status);
        return TypedResults.Ok((await admin.ReadAsync(id))!);
    }
}
