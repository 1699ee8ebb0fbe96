using LessonReview.Web.Framework;
using LessonReview.Web.Hosting;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Pages;

/// <summary>Coordinators keep the growth framework: areas with their levels, in English and Japanese.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class FrameworkModel(GrowthFramework framework, IStringLocalizer<SharedText> text) : PageModel
{
    public FrameworkDto Framework { get; private set; } = new([]);
    public string? Notice { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The area whose form was refused (its typed values are shown again), or null.</summary>
    public Guid? Failed { get; private set; }
    public AreaRequest? Typed { get; private set; }

    public async Task OnGetAsync(string? saved = null, string? archived = null, string? restored = null)
    {
        Framework = await framework.ReadAsync(includeArchived: true, HttpContext.RequestAborted);
        if (saved is not null) Notice = text["Saved: {0}.", saved];
        if (archived is not null) Notice = text["Archived: {0}. Its ratings stay in the trainees' history; restore it under Archived areas.", archived];
        if (restored is not null) Notice = text["Restored: {0}. Mentors can tag and rate it again.", restored];
    }

    public async Task<IActionResult> OnPostAddAsync(string? name, string? nameJa, string[]? descriptor, string[]? descriptorJa)
    {
        var request = AreaFrom(name, nameJa, descriptor, descriptorJa);
        var (area, problem) = await framework.AddAsync(request, HttpContext.RequestAborted);
        return area is null ? await RefusedAsync(Guid.Empty, request, problem!) : RedirectToPage(null, null, new { saved = area.Label }, $"area-{area.Id}");
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid areaId, string? name, string? nameJa, string[]? descriptor, string[]? descriptorJa)
    {
        var request = AreaFrom(name, nameJa, descriptor, descriptorJa);
        var (area, problem) = await framework.UpdateAsync(areaId, request, HttpContext.RequestAborted);
        return area is null ? await RefusedAsync(areaId, request, problem!) : RedirectToPage(null, null, new { saved = area.Label }, $"area-{area.Id}");
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid areaId)
    {
        var area = (await framework.ReadAsync(includeArchived: true, HttpContext.RequestAborted)).Areas.SingleOrDefault(a => a.Id == areaId);
        if (area is null || !await framework.ArchiveAsync(areaId, HttpContext.RequestAborted))
            return await RefusedAsync(areaId, null, GrowthFramework.NoSuchArea);
        return RedirectToPage(null, null, new { archived = area.Label }, "archived-areas");
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid areaId)
    {
        var (area, problem) = await framework.RestoreAsync(areaId, HttpContext.RequestAborted);
        return area is null ? await RefusedAsync(areaId, null, problem!) : RedirectToPage(null, null, new { restored = area.Label }, $"area-{area.Id}");
    }

    /// <summary>The level rows a form shows: the area's, then empty ones up to the most an area may have.</summary>
    public static IEnumerable<(int Level, string Descriptor, string DescriptorJa)> Rows(IEnumerable<(string, string)> levels) =>
        levels.Concat(Enumerable.Repeat(("", ""), GrowthFramework.MaxLevels)).Take(GrowthFramework.MaxLevels).Select((l, i) => (i + 1, l.Item1, l.Item2));

    // Empty rows are the form's spare ones, not levels.
    private static AreaRequest AreaFrom(string? name, string? nameJa, string[]? descriptor, string[]? descriptorJa) =>
        new(name, nameJa, (descriptor ?? []).Select((d, i) => new LevelRequest(d, descriptorJa?.ElementAtOrDefault(i)))
            .Where(l => !string.IsNullOrWhiteSpace(l.Descriptor) || !string.IsNullOrWhiteSpace(l.DescriptorJa)).ToList());

    private async Task<IActionResult> RefusedAsync(Guid areaId, AreaRequest? typed, Message problem)
    {
        Framework = await framework.ReadAsync(includeArchived: true, HttpContext.RequestAborted);
        (Failed, Typed, Error) = (areaId, typed, text[problem.Template, problem.Values]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
