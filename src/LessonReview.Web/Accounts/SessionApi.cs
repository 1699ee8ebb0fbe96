using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using LessonReview.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using LessonReview.Web.Localization;

namespace LessonReview.Web.Accounts;

/// <summary>Sign-in, sign-out, who am I, and the people a caller may pick as mentors.</summary>
public static class SessionApi
{
    public sealed record SignInRequest(string? Email, string? Password);
    /// <summary>
    /// A person. <see cref="Email"/> is left out when a trainee asks (they see mentors' names only);
    /// <see cref="Active"/> is false for a switched-off account (never offered as a new mentor).
    /// </summary>
    public sealed record UserDto(
        Guid Id,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Email,
        string Name, string Role, bool Active = true);

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Accounts");
        api.MapPost("/session", CreateSession).RequireRateLimiting(RateLimits.SignIn).WithName("SignIn").WithSummary("Sign in with e-mail and password; sets the cookie.");
        api.MapDelete("/session", (Delegate)DeleteSession).WithName("SignOut").WithSummary("Sign out.");
        api.MapGet("/me", Me).RequireAuthorization().WithName("Me").WithSummary("The signed-in user.");
        api.MapGet("/users", ListUsers).RequireAuthorization(Policies.CoordinatorOrTrainee)
            .WithName("ListUsers").WithSummary("Coordinators: users, optionally by role. Trainees: the mentors they may choose, names only.");
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CreateSession(SignInRequest request, SignInService signIn, HttpContext http)
    {
        var outcome = await signIn.SignInAsync(request.Email, request.Password);
        if (outcome.Succeeded) return TypedResults.NoContent();
        if (outcome.RetryAfter is { } wait) http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(outcome.Message, statusCode: outcome.Status, title: outcome.Title);
    }

    private static async Task<NoContent> DeleteSession(SignInService signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static Ok<UserDto> Me(HttpContext http)
    {
        var caller = Caller.Of(http.User);
        return TypedResults.Ok(new UserDto(caller.Id, caller.Email, caller.Name, caller.Role));
    }

    private static async Task<Results<Ok<List<UserDto>>, ProblemHttpResult>> ListUsers(string? role, LessonReviewDb db, HttpContext http, CancellationToken cancellationToken)
    {
        if (role is not null && !Roles.All.Contains(role))
            return new Message("Unknown role '{0}'. Use one of: {1}.", role, string.Join(", ", Roles.All)).Problem(StatusCodes.Status400BadRequest);
        var trainee = Caller.Of(http.User).IsTrainee;
        if (trainee && role is not null && role != Roles.Mentor)
            return TypedResults.Problem("Trainees see only the mentors they can choose: ask for role=mentor, or leave role out.",
                statusCode: StatusCodes.Status403Forbidden);
        if (trainee) role = Roles.Mentor;
        Guid? roleId = role is null ? null : Roles.IdOf(role);
        var rows = await db.Users
            .Select(u => new { u.Id, u.Email, u.Name, u.LockoutEnd, RoleId = db.UserRoles.Where(r => r.UserId == u.Id).Select(r => r.RoleId).FirstOrDefault() })
            .Where(u => roleId == null || u.RoleId == roleId)
            .OrderBy(u => u.Name).ToListAsync(cancellationToken);
        // A trainee choosing mentors is not offered someone whose account is switched off.
        if (trainee) rows = rows.Where(u => !User.IsSwitchedOff(u.LockoutEnd)).ToList();
        return TypedResults.Ok(rows.Select(u => new UserDto(u.Id, trainee ? null : u.Email ?? "", u.Name, Roles.NameOf(u.RoleId), !User.IsSwitchedOff(u.LockoutEnd))).ToList());
    }
}
