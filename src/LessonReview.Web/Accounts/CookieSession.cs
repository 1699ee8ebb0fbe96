using System.Security.Claims;
using LessonReview.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace LessonReview.Web.Accounts;

/// <summary>Turns a user into the sign-in cookie, and the cookie back into who is asking.</summary>
public static class CookieSession
{
    public static Task SignInAsync(HttpContext http, User user)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Role, user.Role),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true });
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}

/// <summary>The signed-in caller, read from the cookie's claims.</summary>
public sealed record Caller(Guid Id, string Email, string Name, string Role)
{
    public bool IsCoordinator => Role == Roles.Coordinator;
    public bool IsTrainee => Role == Roles.Trainee;

    public static Caller? From(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? new Caller(id, principal.FindFirstValue(ClaimTypes.Email) ?? "", principal.FindFirstValue(ClaimTypes.Name) ?? "",
                principal.FindFirstValue(ClaimTypes.Role) ?? "")
            : null;

    /// <summary>For endpoints behind RequireAuthorization, where a caller always exists.</summary>
    public static Caller Of(ClaimsPrincipal principal) =>
        From(principal) ?? throw new InvalidOperationException("This endpoint must require authorization.");
}
