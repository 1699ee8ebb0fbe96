using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Web.Accounts;
using LessonReview.Web.Hosting;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Pages;

/// <summary>Coordinators: every account (role, switched off or on) and the trainees' standing mentors, changed in place.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class PeopleModel(LessonReviewDb db, StandingMentors standing, AccountService accounts, AccountAdmin admin,
    ViewerTime time, IStringLocalizer<SharedText> text) : PageModel
{
    public sealed record Person(Guid Id, string Name, string Email);

    public IReadOnlyList<Person> Trainees { get; private set; } = [];
    public IReadOnlyList<Person> Mentors { get; private set; } = [];
    public IReadOnlyList<AccountService.Account> Accounts { get; private set; } = [];
    public Guid Me => Caller.Of(User).Id;

    /// <summary>The day of an instant in the viewer's time zone.</summary>
    public DateOnly InViewerZone(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), time.Zone));
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

    private async Task<IActionResult> ChangeAsync(Guid userId, AccountAdmin.Change change)
    {
        if (await admin.ApplyAsync(Caller.Of(User).Id, userId, change, HttpContext.RequestAborted) is { } refused)
        {
            await LoadAsync();
            Error = text[refused.Problem.Template, refused.Problem.Values];
            Response.StatusCode = refused.Status;
            return Page();
        }
        return RedirectToPage(new { changed = userId });
    }

    public async Task<IActionResult> OnPostMentorsAsync(Guid traineeId, List<Guid>? mentorIds)
    {
        if (await standing.SetAsync(traineeId, mentorIds ?? [], HttpContext.RequestAborted) is { } problem)
        {
            await LoadAsync();
            Error = text[problem.Template, problem.Values];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return RedirectToPage(new { saved = traineeId }); // a reload does not post again
    }

    private async Task LoadAsync()
    {
        Task<List<Person>> InRole(string role) => db.UsersInRole(role).OrderBy(u => u.Name)
            .Select(u => new Person(u.Id, u.Name, u.Email ?? "")).ToListAsync(HttpContext.RequestAborted);
        Trainees = await InRole(Roles.Trainee);
        Mentors = await InRole(Roles.Mentor);
        Standing = await standing.AllAsync(HttpContext.RequestAborted);
        Accounts = await accounts.ListAsync(HttpContext.RequestAborted);
        // Someone switched off is not offered as a mentor (already ticked ones stay visible, to be unticked).
        var off = Accounts.Where(a => a.State == "disabled").Select(a => a.Id).ToHashSet();
        var ticked = Standing.SelectMany(g => g).ToHashSet();
        Mentors = Mentors.Where(m => !off.Contains(m.Id) || ticked.Contains(m.Id)).ToList();
    }
}
