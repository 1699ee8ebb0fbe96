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

    public async Task OnGetAsync(Guid? saved = null, Guid? changed = null, bool never = false)
    {
        await LoadAsync();
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
