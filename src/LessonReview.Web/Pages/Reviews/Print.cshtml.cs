using LessonReview.Web.Accounts;
using LessonReview.Web.Reviews;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages.Reviews;

public sealed class ReviewPrintModel(ReviewAccess access, ReviewReader reader) : PageModel
{
    public ReviewDto? Review { get; private set; }

    public async Task OnGetAsync(Guid id)
    {
        var found = await access.FindAsync(Caller.Of(User), id, HttpContext.RequestAborted);
        if (found is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Review = await reader.ReadAsync(found.Review, found.Lesson, HttpContext.RequestAborted);
    }
}
