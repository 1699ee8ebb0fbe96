using LessonReview.Web.Accounts;
using LessonReview.Web.Lessons;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages.Lessons;

public sealed class LessonDetailsModel(LessonAccess access) : PageModel
{
    public LessonDto? Lesson { get; private set; }
    public bool CanDelete { get; private set; }

    public async Task OnGetAsync(Guid id)
    {
        var caller = Caller.Of(User);
        var lesson = await access.FindVisibleAsync(caller, id, HttpContext.RequestAborted);
        if (lesson is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Lesson = LessonDto.From(lesson);
        CanDelete = LessonAccess.CanDelete(caller, lesson);
    }
}
