using LessonReview.Web.Localization;
using Microsoft.Extensions.Localization;
using LessonReview.Web.Accounts;
using LessonReview.Web.Lessons;
using LessonReview.Web.Reviews;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages.Reviews;

public sealed class ReviewWorkspaceModel(ReviewAccess access, ReviewReader reader, IStringLocalizer<SharedText> text) : PageModel
{
    public ReviewDto? Review { get; private set; }
    public Caller Caller { get; private set; } = null!;
    public string Role { get; private set; } = "";
    public string? VideoUrl { get; private set; }
    public string? PosterUrl { get; private set; }
    public string? StoryboardUrl { get; private set; }
    public string Duration { get; private set; } = "0";

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
        Role = found.Role.ToString().ToLowerInvariant();
        var lesson = LessonDto.From(found.Lesson, text);
        (VideoUrl, PosterUrl, StoryboardUrl) = (lesson.VideoUrl, lesson.PosterUrl, lesson.StoryboardUrl);
        Duration = (found.Lesson.DurationSeconds ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
