using LessonReview.Web.Accounts;
using LessonReview.Web.Localization;
using LessonReview.Web.Reviews;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages.Reviews;

public sealed class ReviewsIndexModel(ReviewAccess access, ReviewReader reader, ViewerTime time) : PageModel
{
    public Caller Caller { get; private set; } = null!;
    public IReadOnlyList<ReviewSummaryDto> Reviews { get; private set; } = [];
    public DateOnly Today { get; private set; }

    /// <summary>The day mentors were asked (or the review opened), in the viewer's time zone.</summary>
    public DateOnly Requested(ReviewSummaryDto review) => time.DayOf(review.RequestedAt);

    public async Task OnGetAsync()
    {
        Caller = Caller.Of(User);
        Today = time.Today;
        Reviews = await reader.SummariesAsync(access.Visible(Caller), HttpContext.RequestAborted);
    }
}
