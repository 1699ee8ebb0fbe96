using LessonReview.Web.Hosting;
using LessonReview.Web.Localization;
using LessonReview.Web.Programme;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages;

/// <summary>The coordinator's programme at a glance, filtered by school and mentor.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class ProgrammeModel(ProgrammeSummary summary, ViewerTime time) : PageModel
{
    public ProgrammeDto Programme { get; private set; } = null!;

    /// <summary>The query of the current filters, for the CSV link.</summary>
    public string Filters { get; private set; } = "";

    public async Task OnGetAsync(string? school, Guid? mentorId)
    {
        Programme = await summary.BuildAsync(school, mentorId, time.Today, HttpContext.RequestAborted);
        Filters = QueryString.Create(new Dictionary<string, string?> { ["school"] = Programme.School, ["mentorId"] = Programme.MentorId?.ToString() }
            .Where(p => p.Value is not null)).ToString();
    }

    /// <summary>A share of the whole out of 100 (at least a sliver for a number above zero, so it can be seen).</summary>
    public static double Share(double part, double whole) => whole <= 0 || part <= 0 ? 0 : Math.Max(2, part / whole * 100);

    public static string Number(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
