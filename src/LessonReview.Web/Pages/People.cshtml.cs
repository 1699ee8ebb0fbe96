using LessonReview.Core.Accounts;
using LessonReview.Web.Accounts;
using LessonReview.Web.Hosting;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Pages;

/// <summary>Coordinators: every account (role, switched off or on) and the trainees' standing mentors, changed in place.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class PeopleModel(StandingMentors standing, AccountService accounts, AccountAdmin admin, IStringLocalizer<SharedText> text) : PageModel
{
    public IReadOnlyList<AccountService.Account> Trainees { get; private set; } = [];
    public IReadOnlyList<AccountService.Account> Mentors { get; private set; } = [];
    public IReadOnlyList<AccountService.Account> Accounts { get; private set; } = [];
    public Guid Me => Caller.Of(User).Id;
    public ILookup<Guid, Guid> Standing { get; private set; } = Array.Empty<Guid>().ToLookup(g => g);
    /// <summary>Whose standing mentors were just saved.</summary>
    public string? SavedFor { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Whose account was just changed.</summary>
    public string? ChangedFor { get; private set; }

    /// <summary>Only the accounts whose person has never signed in (invited, not started).</summary>
    public bool NeverOnly { get; private set; }

    /// <summary>What was just done about someone's password (invited, link mailed), or null.</summary>
    public string? LinkNotice { get; private set; }
    /// <summary>A link to pass on by hand (no mail server), or null.</summary>
    public string? LinkToPassOn { get; private set; }

    /// <summary>The invitation form's values, kept when it is refused.</summary>
    public (string? Email, string? Name, string? Role, string? Language, string? School) Invitation { get; private set; }

    public async Task OnGetAsync(Guid? saved = null, Guid? changed = null, bool never = false, Guid? invited = null, Guid? mailed = null)
    {
        await LoadAsync();
        if (Accounts.FirstOrDefault(a => a.Id == invited) is { } newcomer) LinkNotice = text["Invited {0}: a link to set a password was mailed to {1}.", newcomer.Name, newcomer.Email];
        if (Accounts.FirstOrDefault(a => a.Id == mailed) is { } person) LinkNotice = text["A link to set a password was mailed to {0}.", person.Email];
        NeverOnly = never;
        if (never) Accounts = Accounts.Where(a => a.LastSignInAt is null).ToList();
        SavedFor = Trainees.FirstOrDefault(t => t.Id == saved)?.Name;
        ChangedFor = Accounts.FirstOrDefault(a => a.Id == changed)?.Name;
    }

    public Task<IActionResult> OnPostRoleAsync(Guid userId, string? role) => ChangeAsync(userId, new(Role: role ?? ""));

    public Task<IActionResult> OnPostSwitchAsync(Guid userId, bool disabled) => ChangeAsync(userId, new(Disabled: disabled));

    private async Task<IActionResult> ChangeAsync(Guid userId, AccountAdmin.Change change) =>
        await admin.ApplyAsync(Me, userId, change, HttpContext.RequestAborted) is { } refused
            ? await RefusedAsync(refused.Status, refused.Problem)
            : RedirectToPage(new { changed = userId });

    public async Task<IActionResult> OnPostInviteAsync(string? email, string? name, string? role, string? language, string? school)
    {
        var (invited, refused) = await admin.InviteAsync(Caller.Of(User).Name, new(email, name, role, language, school), HttpContext.RequestAborted);
        if (invited is null)
        {
            Invitation = (email, name, role, language, school);
            return await RefusedAsync(refused!.Value.Status, refused.Value.Problem);
        }
        if (invited.Mailed) return RedirectToPage(null, null, new { invited = invited.Account.Id }, "accounts");
        await LoadAsync();
        LinkNotice = text["Invited {0}. No mail server is set up: give them this link to set a password (it works once):", invited.Account.Name];
        LinkToPassOn = AbsoluteLink(invited.Link!);
        return Page();
    }

    /// <summary>The last import's row-by-row report, or null.</summary>
    public AccountImport.Report? ImportReport { get; private set; }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, [FromServices] AccountImport import)
    {
        if (file is null || file.Length == 0) return await RefusedAsync(400, "Choose a CSV file first.");
        await using var upload = file.OpenReadStream();
        using var body = await AccountImport.ReadAsync(upload, HttpContext.RequestAborted);
        if (body is null) return await RefusedAsync(StatusCodes.Status413PayloadTooLarge, new Message("The file is larger than {0} MB; split it into smaller files.", AccountImport.MaxBytes >> 20));
        var (report, problem) = await import.ImportAsync(Caller.Of(User).Name, body, m => text[m.Template, m.Values].Value, HttpContext.RequestAborted);
        if (report is null) return await RefusedAsync(400, problem!);
        await LoadAsync();
        ImportReport = report;
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordLinkAsync(Guid userId)
    {
        var (sent, refused) = await admin.SendPasswordLinkAsync(Caller.Of(User).Name, userId, HttpContext.RequestAborted);
        if (sent is null) return await RefusedAsync(refused!.Value.Status, refused.Value.Problem);
        if (sent.Mailed) return RedirectToPage(null, null, new { mailed = userId }, "accounts");
        await LoadAsync();
        LinkNotice = text["No mail server is set up: give {0} this link to set a password (it works once):", Accounts.First(a => a.Id == userId).Name];
        LinkToPassOn = AbsoluteLink(sent.Link!);
        return Page();
    }

    /// <summary>A link for the coordinator to pass on, absolute (no mail server).</summary>
    public string AbsoluteLink(string path) => $"{Request.Scheme}://{Request.Host}{path}";

    public async Task<IActionResult> OnPostMentorsAsync(Guid traineeId, List<Guid>? mentorIds) =>
        await standing.SetAsync(traineeId, mentorIds ?? [], HttpContext.RequestAborted) is { } problem
            ? await RefusedAsync(StatusCodes.Status400BadRequest, problem)
            : RedirectToPage(new { saved = traineeId }); // a reload does not post again

    /// <summary>The page again, with why the change was not made.</summary>
    private async Task<IActionResult> RefusedAsync(int status, Message problem)
    {
        await LoadAsync();
        Error = text[problem.Template, problem.Values];
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync()
    {
        Accounts = await accounts.ListAsync(HttpContext.RequestAborted);
        Standing = await standing.AllAsync(HttpContext.RequestAborted);
        Trainees = Accounts.Where(a => a.Role == Roles.Trainee).ToList();
        // Someone switched off is not offered as a mentor (already ticked ones stay visible, to be unticked).
        var ticked = Standing.SelectMany(g => g).ToHashSet();
        Mentors = Accounts.Where(a => a.Role == Roles.Mentor && (!a.Disabled || ticked.Contains(a.Id))).ToList();
    }
}
