using LessonReview.Web.Localization;
using Microsoft.Extensions.Localization;
using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Web.Accounts;
using LessonReview.Web.Lessons;
using LessonReview.Web.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages.Lessons;

public sealed class LessonDetailsModel(LessonAccess access, ReviewAccess reviews, ReviewReader reader, LessonReviewDb db,
    StandingMentors standing, Privacy.ViewLog views, IStringLocalizer<SharedText> text,
    Microsoft.Extensions.Options.IOptions<Privacy.PrivacyOptions> privacy) : PageModel
{
    /// <summary>Who watched (its trainee and coordinators read it); null for others.</summary>
    public IReadOnlyList<Privacy.LessonViewDto>? Views { get; private set; }
    public DateTime? ConsentConfirmedAt { get; private set; }
    public DateTime? OriginalDeletedAt { get; private set; }
    /// <summary>When the original will be deleted (null: already gone, kept by the programme, or not yet playable).</summary>
    public DateTime? OriginalDeletionDue { get; private set; }
    /// <summary>The programme keeps originals (Privacy:OriginalRetentionDays = 0).</summary>
    public bool OriginalsKept => privacy.Value.OriginalRetentionDays == 0;
    public int OriginalRetentionDays => privacy.Value.OriginalRetentionDays;

    public LessonDto? Lesson { get; private set; }
    public bool CanDelete { get; private set; }
    public bool CanOpenReview { get; private set; }
    public IReadOnlyList<ReviewSummaryDto> Reviews { get; private set; } = [];
    public IReadOnlyList<SessionApi.UserDto> Mentors { get; private set; } = [];
    /// <summary>The trainee's standing mentors: ticked already, so asking for a review is one press.</summary>
    public IReadOnlySet<Guid> Standing { get; private set; } = new HashSet<Guid>();

    public async Task OnGetAsync(Guid id)
    {
        var caller = Caller.Of(User);
        var lesson = await access.FindVisibleAsync(caller, id, HttpContext.RequestAborted);
        if (lesson is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Lesson = LessonDto.From(lesson, text);
        await views.RecordAsync(lesson, caller, HttpContext.RequestAborted);
        if (Privacy.ViewLog.MayRead(lesson, caller)) Views = await views.ReadAsync(id, HttpContext.RequestAborted);
        (ConsentConfirmedAt, OriginalDeletedAt) = (lesson.ConsentConfirmedAt, lesson.OriginalDeletedAt);
        if (OriginalDeletedAt is null) OriginalDeletionDue = privacy.Value.OriginalDeletionDue(lesson.ReadyAt);
        CanDelete = LessonAccess.CanDelete(caller, lesson);
        CanOpenReview = CanDelete; // the lesson's trainee or a coordinator
        Reviews = await reader.SummariesAsync(reviews.Visible(caller).Where(r => r.LessonId == id), HttpContext.RequestAborted);
        if (CanOpenReview)
        {
            // Switched-off mentors are not offered (the filter runs here: not every database compares DateTimeOffset).
            Mentors = (await db.UsersInRole(Roles.Mentor).OrderBy(u => u.Name).Select(u => new { u.Id, u.Name, u.LockoutEnd })
                    .ToListAsync(HttpContext.RequestAborted))
                .Where(u => !LessonReview.Core.Accounts.User.IsSwitchedOff(u.LockoutEnd))
                .Select(u => new SessionApi.UserDto(u.Id, null, u.Name, Roles.Mentor)).ToList();
            Standing = (await standing.OfAsync(lesson.OwnerId, HttpContext.RequestAborted)).Select(m => m.Id).ToHashSet();
        }
    }
}
