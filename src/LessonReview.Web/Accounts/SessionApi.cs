using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using LessonReview.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Accounts;

/// <summary>Sign-in, sign-out, who am I, and the people a caller may pick as mentors.</summary>
public static class SessionApi
{
    public sealed record SignInRequest(string? Email, string? Password);
    public sealed record UserDto(Guid Id, string Email, string Name, string Role);

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Accounts");
        api.MapPost("/session", CreateSession).RequireRateLimiting(RateLimits.SignIn).WithName("SignIn").WithSummary("Sign in with e-mail and password; sets the cookie.");
        api.MapDelete("/session", (Delegate)DeleteSession).WithName("SignOut").WithSummary("Sign out.");
        api.MapGet("/me", Me).RequireAuthorization().WithName("Me").WithSummary("The signed-in user.");
        api.MapGet("/users", ListUsers).RequireAuthorization(Policies.CoordinatorOrTrainee)
            .WithName("ListUsers").WithSummary("Users, optionally by role (to pick mentors).");
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CreateSession(SignInRequest request, AccountService accounts, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            return TypedResults.Problem("Give both your e-mail address and your password.", statusCode: StatusCodes.Status400BadRequest);
        var user = await accounts.VerifyAsync(request.Email, request.Password, http.RequestAborted);
        if (user is null)
            return TypedResults.Problem("That e-mail and password do not match an account. Check both and try again, or ask your coordinator to reset your password.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        await CookieSession.SignInAsync(http, user);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> DeleteSession(HttpContext http)
    {
        await CookieSession.SignOutAsync(http);
        return TypedResults.NoContent();
    }

    private static Ok<UserDto> Me(HttpContext http)
    {
        var caller = Caller.Of(http.User);
        return TypedResults.Ok(new UserDto(caller.Id, caller.Email, caller.Name, caller.Role));
    }

    private static async Task<Results<Ok<List<UserDto>>, ProblemHttpResult>> ListUsers(string? role, LessonReviewDb db, CancellationToken cancellationToken)
    {
        if (role is not null && !Roles.All.Contains(role))
            return TypedResults.Problem($"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}.", statusCode: StatusCodes.Status400BadRequest);
        var users = await db.Users.Where(u => role == null || u.Role == role).OrderBy(u => u.Name)
            .Select(u => new UserDto(u.Id, u.Email, u.Name, u.Role)).ToListAsync(cancellationToken);
        return TypedResults.Ok(users);
    }
}
