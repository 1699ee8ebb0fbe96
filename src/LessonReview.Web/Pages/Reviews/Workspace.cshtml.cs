using LessonReview.Media.Playback;
using LessonReview.Core.Lessons;
using LessonReview.Web.Localization;
using Microsoft.Extensions.Localization;
using LessonReview.Web.Accounts;
using LessonReview.Web.Lessons;
using LessonReview.Web.Reviews;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages.Reviews;

public sealed class ReviewWorkspaceModel(ReviewAccess access, ReviewReader reader, Framework.GrowthFramework framework, Privacy.ViewLog views,
    IStringLocalizer<SharedText> text) : PageModel
{
    /// <summary>The growth framework, archived areas included (their tags and ratings are still named).</summary>
    public IReadOnlyList<Framework.AreaDto> Areas { get; private set; } = [];
    public IEnumerable<Framework.AreaDto> ActiveAreas => Areas.Where(a => !a.Archived);

    /// <summary>Whether the caller rates this review's areas (its mentors and coordinators; the trainee in a self-review).</summary>
    public bool Rates => Role != "trainee" || Review?.Kind == "self";

    /// <summary>The areas for review.js: names and level descriptions in the reader's language.</summary>
    public string AreasJson => System.Text.Json.JsonSerializer.Serialize(Areas.Select(a => new
    {
        id = a.Id, label = a.Label, archived = a.Archived, levels = a.Levels.Select(l => new { level = l.Level, text = a.DescriptorOf(l.Level) }),
    }));

    public ReviewDto? Review { get; private set; }
    public Caller Caller { get; private set; } = null!;
    public string Role { get; private set; } = "";
    public string? VideoUrl { get; private set; }
    public string? PosterUrl { get; private set; }
    public string? StoryboardUrl { get; private set; }
    public string Duration { get; private set; } = "0";
    /// <summary>The lesson can be watched but its later part is still being encoded.</summary>
    public bool StillEncoding { get; private set; }

    public async Task OnGetAsync(Guid id)
    {
        Caller = Caller.Of(User);
        var found = await access.FindAsync(Caller, id, HttpContext.RequestAborted);
        if (found is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Review = await reader.ReadAsync(found.Review, found.Lesson, HttpContext.RequestAborted);
        await views.RecordAsync(found.Lesson, Caller, HttpContext.RequestAborted);
        Areas = (await framework.ReadAsync(includeArchived: true, HttpContext.RequestAborted)).Areas;
        Role = found.Role.ToString().ToLowerInvariant();
        var lesson = LessonDto.From(found.Lesson, text);
        StillEncoding = lesson.Playable && lesson.Status == LessonStatus.Processing;
        // While it encodes the storyboard grows (the page looks for more): its address even before the first sheets.
        (VideoUrl, PosterUrl, StoryboardUrl) = (lesson.VideoUrl, lesson.PosterUrl,
            lesson.StoryboardUrl ?? (StillEncoding ? LessonDto.MediaUrl(lesson.Id, PlaybackPipeline.StoryboardVttFileName) : null));
        Duration = (found.Lesson.DurationSeconds ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
