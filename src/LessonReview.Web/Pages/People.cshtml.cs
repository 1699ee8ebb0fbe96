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

/// <summary>Coordinators: the trainees and their standing mentors, changed in place.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class PeopleModel(LessonReviewDb db, StandingMentors standing, IStringLocalizer<SharedText> text) : PageModel
{
    public sealed record Person(Guid Id, string Name, string Email);

    public IReadOnlyList<Person> Trainees { get; private set; } = [];
    public IReadOnlyList<Person> Mentors { get; private set; } = [];
    public ILookup<Guid, Guid> Standing { get; private set; } = Array.Empty<Guid>().ToLookup(g => g);
    /// <summary>Whose standing mentors were just saved.</summary>
    public string? SavedFor { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(Guid? saved = null)
    {
        await LoadAsync();
        SavedFor = Trainees.FirstOrDefault(t => t.Id == saved)?.Name;
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
    }
}
