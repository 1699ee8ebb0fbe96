using System.Security.Claims;
using LessonReview.Core.Accounts;

namespace LessonReview.Web.Accounts;

/// <summary>The signed-in caller, read from the claims Identity put in the session (<see cref="UserClaims"/>).</summary>
public sealed record Caller(Guid Id, string Email, string Name, string Role)
{
    public bool IsCoordinator => Role == Roles.Coordinator;
    public bool IsTrainee => Role == Roles.Trainee;

    public static Caller? From(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? new Caller(id, principal.FindFirstValue(ClaimTypes.Email) ?? "", principal.FindFirstValue(UserClaims.DisplayName) ?? "",
                principal.FindFirstValue(ClaimTypes.Role) ?? "")
            : null;

    /// <summary>For endpoints behind RequireAuthorization, where a caller always exists.</summary>
    public static Caller Of(ClaimsPrincipal principal) =>
        From(principal) ?? throw new InvalidOperationException("This endpoint must require authorization.");
}
