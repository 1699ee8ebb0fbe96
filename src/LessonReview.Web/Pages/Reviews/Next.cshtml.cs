using LessonReview.Core.Data;
using LessonReview.Core.Reviews;
using LessonReview.Web.Accounts;
using LessonReview.Web.Localization;
using LessonReview.Web.Reviews;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Pages.Reviews;

/// <summary>The trainee's "Before your next lesson": open action items and unacknowledged feedback, with jump-to-moment links.</summary>
public sealed class BeforeNextLessonModel(LessonReviewDb db, ReviewAccess access, ReviewReader reader, ViewerTime time, Framework.GrowthFramework framework) : PageModel
{
    private Dictionary<Guid, Framework.AreaDto> _areas = [];

    /// <summary>The growth-framework areas an item grows: those of the comments it came from.</summary>
    public IEnumerable<string> AreasOf(ActionItemDto item) => item.CommentIds
        .Select(id => Moments.GetValueOrDefault(id)?.AreaId).OfType<Guid>().Distinct()
        .Select(id => _areas.GetValueOrDefault(id)?.Label).OfType<string>();

    /// <summary>Today in the trainee's time zone, for "overdue".</summary>
    public DateOnly Today => time.Today;

    public bool IsOverdue(ActionItemDto item) => item.DueDate is { } due && due < Today;

    public bool IsTrainee { get; private set; }
    public List<(ActionItemDto Item, ReviewSummaryDto Review)> Items { get; } = [];
    public List<(CommentDto Comment, ReviewSummaryDto Review)> Feedback { get; } = [];
    public Dictionary<Guid, CommentDto> Moments { get; } = [];

    /// <summary>The trainee reading: items they set themselves (self-review) need no acknowledging.</summary>
    public Guid CallerId { get; private set; }

    public async Task OnGetAsync()
    {
        var caller = Caller.Of(User);
        CallerId = caller.Id;
        IsTrainee = caller.IsTrainee;
        if (!IsTrainee) return;
        var ct = HttpContext.RequestAborted;
        _areas = (await framework.ReadAsync(includeArchived: true, ct)).Areas.ToDictionary(a => a.Id);
        var reviews = (await reader.SummariesAsync(access.Visible(caller), ct)).ToDictionary(r => r.Id);
        var ids = reviews.Keys.ToList();
        var items = await db.ActionItems.Where(i => ids.Contains(i.ReviewId) && i.Status == ActionItemStatus.Open)
            .OrderBy(i => i.DueDate).ThenBy(i => i.CreatedAt).ToListAsync(ct);
        Items.AddRange(items.Select(i => (ActionItemDto.From(i), reviews[i.ReviewId])));
        foreach (var review in reviews.Values)
        foreach (var comment in await reader.CommentsAsync(review.Id, ct))
        {
            Moments[comment.Id] = comment;
            if (comment.AuthorId != caller.Id && comment.AcknowledgedAt is null) Feedback.Add((comment, review));
        }
    }
}
