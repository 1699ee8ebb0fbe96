using LessonReview.Web.Localization;
using Microsoft.Extensions.Localization;
using LessonReview.Web.Accounts;
using LessonReview.Web.Lessons;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Pages.Lessons;

public sealed class LessonsIndexModel(LessonAccess access, IStringLocalizer<SharedText> text) : PageModel
{
    public Caller Caller { get; private set; } = null!;
    public IReadOnlyList<LessonDto> Lessons { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Caller = Caller.Of(User);
        var lessons = await access.Visible(Caller).OrderByDescending(l => l.CreatedAt).ToListAsync(HttpContext.RequestAborted);
        Lessons = lessons.Select(l => LessonDto.From(l, text)).ToList();
    }
}
