using LessonReview.Web.Hosting;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LessonReview.Web.Accounts;

/// <summary>PATCH /api/users/{id}: coordinators change a person's name, role, or switch the account off and on.</summary>
public static class AccountsApi
{
    /// <param name="School">The school they teach at; empty clears it.</param>
    public sealed record PatchUserRequest(string? Role, bool? Disabled, string? Name, string? School = null);
    /// <param name="Language">"en" or "ja": the invitation's language and the account's until they choose.</param>
    public sealed record InviteRequest(string? Email, string? Name, string? Role, string? Language, string? School = null);

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapPatch("/api/users/{id:guid}", Patch).WithTags("Accounts").RequireAuthorization(Policies.Coordinator).RequireRateLimiting(RateLimits.Writes)
            .WithName("UpdateUser").WithSummary("Change a person's name or role, or switch their account off or on (coordinators); open sessions feel it at once.");
        app.MapPost("/api/users", Invite).WithTags("Accounts").RequireAuthorization(Policies.Coordinator).RequireRateLimiting(RateLimits.Writes)
            .WithName("InviteUser").WithSummary("Create an account and mail its person a link to set their password (coordinators); without a mail server the answer carries the link.");
        app.MapPost("/api/users/{id:guid}/password-link", SendPasswordLink).WithTags("Accounts").RequireAuthorization(Policies.Coordinator).RequireRateLimiting(RateLimits.Writes)
            .WithName("SendPasswordLink").WithSummary("Mail a link to set a new password, or the invitation again to someone who never set one (coordinators).");
        app.MapPost("/api/users/import", Import).WithTags("Accounts").RequireAuthorization(Policies.Coordinator).RequireRateLimiting(RateLimits.Writes)
            .Accepts<string>("text/csv").WithName("ImportUsers")
            .WithSummary("Invite a class from a CSV body (columns email, name, role, language): a report row by row; a refused row does not stop the rest (coordinators).");
        return app;
    }

    private static async Task<Results<Ok<AccountImport.Report>, ProblemHttpResult>> Import(HttpRequest request, AccountImport import,
        Microsoft.Extensions.Localization.IStringLocalizer<SharedText> text, HttpContext http)
    {
        using var body = await AccountImport.ReadAsync(request.Body, http.RequestAborted);
        if (body is null) return new Message("The file is larger than {0} MB; split it into smaller files.", AccountImport.MaxBytes >> 20).Problem(StatusCodes.Status413PayloadTooLarge);
        var (report, problem) = await import.ImportAsync(Caller.Of(http.User).Name, body, m => text[m.Template, m.Values].Value, http.RequestAborted);
        return report is null ? problem!.Problem(400) : TypedResults.Ok(report);
    }

    private static async Task<Results<Created<AccountAdmin.InvitationDto>, ProblemHttpResult>> Invite(InviteRequest request, AccountAdmin admin, HttpContext http)
    {
        var (invited, refused) = await admin.InviteAsync(Caller.Of(http.User).Name, new(request.Email, request.Name, request.Role, request.Language, request.School), http.RequestAborted);
        return invited is null ? refused!.Value.Problem.Problem(refused.Value.Status) : TypedResults.Created($"/api/users/{invited.Account.Id}", invited);
    }

    private static async Task<Results<Accepted<PasswordLinks.Sent>, ProblemHttpResult>> SendPasswordLink(Guid id, AccountAdmin admin, HttpContext http)
    {
        var (sent, refused) = await admin.SendPasswordLinkAsync(Caller.Of(http.User).Name, id, http.RequestAborted);
        return sent is null ? refused!.Value.Problem.Problem(refused.Value.Status) : TypedResults.Accepted((string?)null, sent);
    }

    private static async Task<Results<Ok<AccountAdmin.AccountDto>, ProblemHttpResult>> Patch(Guid id, PatchUserRequest request, AccountAdmin admin, HttpContext http)
    {
        var caller = Caller.Of(http.User);
        if (await admin.ApplyAsync(caller.Id, id, new(request.Role, request.Disabled, request.Name, request.School), http.RequestAborted) is { } refused)
            return refused.Problem.Problem(refused.Status);
        return TypedResults.Ok((await admin.ReadAsync(id))!);
    }
}
