using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Reviews;
using LessonReview.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Reviews;

/// <summary>Builds the read models of reviews (full review, queue summaries, comments with author names).</summary>
public sealed class ReviewReader(LessonReviewDb db, ViewerTime time)
{
    public async Task<ReviewDto> ReadAsync(Review review, Lesson lesson, CancellationToken cancellationToken)
    {
        var comments = await CommentsAsync(review.Id, cancellationToken);
        var items = await db.ActionItems.Where(i => i.ReviewId == review.Id).OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);
        var history = await db.StageChanges.Where(s => s.ReviewId == review.Id).OrderBy(s => s.Seq).ThenBy(s => s.At)
            .Select(s => new StageChangeDto(s.Stage, s.ByUserId, s.At)).ToListAsync(cancellationToken);
        var mentors = await db.ReviewMentors.Where(m => m.ReviewId == review.Id).Select(m => m.UserId).ToListAsync(cancellationToken);
        var trainee = await db.Users.Where(u => u.Id == lesson.OwnerId).Select(u => u.Name).SingleAsync(cancellationToken);
        // Mentors may not list people (GET /api/users), yet their page names colleagues and who moved the stage.
        var ratings = await RatingsAsync(review.Id, cancellationToken);
        var mentioned = mentors.Concat(history.Select(h => h.ByUserId)).Concat(ratings.Select(r => r.RatedById)).Append(lesson.OwnerId).Distinct().ToList();
        var people = await db.Users.Where(u => mentioned.Contains(u.Id)).Select(u => new PersonDto(u.Id, u.Name)).ToListAsync(cancellationToken);
        var previous = await PreviousOpenItemsAsync(lesson, includePrivate: review.IsPrivate, cancellationToken);
        return new ReviewDto(review.Id, review.LessonId, review.Stage, review.Kind, review.IsPrivate, history, mentors, comments, items.Select(ActionItemDto.From).ToList(),
            review.Seq, lesson.Title, lesson.LessonDate, lesson.NextLessonDate, lesson.OwnerId, trainee,
            previous, review.CreatedAt, review.UpdatedAt, people, ratings, await OriginsAsync(previous, cancellationToken));
    }

    /// <summary>The lesson and moment each of these items comes from.</summary>
    private async Task<List<ItemOriginDto>> OriginsAsync(List<ActionItemDto> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return [];
        var reviewIds = items.Select(i => i.ReviewId).Distinct().ToList();
        var lessons = await db.Reviews.Where(r => reviewIds.Contains(r.Id))
            .Join(db.Lessons, r => r.LessonId, l => l.Id, (r, l) => new { ReviewId = r.Id, l.Title, l.LessonDate })
            .ToDictionaryAsync(x => x.ReviewId, cancellationToken);
        var commentIds = items.SelectMany(i => i.CommentIds).Distinct().ToList();
        var moments = await db.Comments.Where(c => commentIds.Contains(c.Id) && c.DeletedAt == null)
            .ToDictionaryAsync(c => c.Id, c => c.AtSeconds, cancellationToken);
        return items.Select(i => new ItemOriginDto(i.Id, i.ReviewId, lessons[i.ReviewId].Title, lessons[i.ReviewId].LessonDate,
            i.CommentIds.Select(id => moments.TryGetValue(id, out var at) ? (double?)at : null).FirstOrDefault(at => at is not null))).ToList();
    }

    public Task<List<AreaRatingDto>> RatingsAsync(Guid reviewId, CancellationToken cancellationToken) =>
        db.AreaRatings.Where(r => r.ReviewId == reviewId).Select(r => new AreaRatingDto(r.AreaId, r.Level, r.RatedById, r.RatedAt)).ToListAsync(cancellationToken);

    /// <summary>Live comments in time order, replies after their parent's moment.</summary>
    public async Task<List<CommentDto>> CommentsAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        var rows = await db.Comments.Where(c => c.ReviewId == reviewId && c.DeletedAt == null)
            .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new { Comment = c, u.Name })
            .ToListAsync(cancellationToken);
        return rows.Select(r => CommentDto.From(r.Comment, r.Name))
            .OrderBy(c => c.AtSeconds).ThenBy(c => c.CreatedAt).ToList();
    }

    public async Task<CommentDto> CommentAsync(Comment comment, CancellationToken cancellationToken) =>
        CommentDto.From(comment, await db.Users.Where(u => u.Id == comment.AuthorId).Select(u => u.Name).SingleAsync(cancellationToken));

    /// <summary>Open action items from the trainee's earlier lessons: what this lesson should check.</summary>
    /// <param name="includePrivate">Also items of private self-reviews: only when the reader is the trainee alone (this review is private too).</param>
    public async Task<List<ActionItemDto>> PreviousOpenItemsAsync(Lesson lesson, bool includePrivate, CancellationToken cancellationToken)
    {
        var earlierReviews = (includePrivate ? db.Reviews : db.Reviews.Shared())
            .Join(db.Lessons, r => r.LessonId, l => l.Id, (r, l) => new { r.Id, l.OwnerId, l.CreatedAt, LessonId = l.Id })
            .Where(x => x.OwnerId == lesson.OwnerId && x.CreatedAt < lesson.CreatedAt && x.LessonId != lesson.Id)
            .Select(x => x.Id);
        var items = await db.ActionItems.Where(i => i.Status == ActionItemStatus.Open && earlierReviews.Contains(i.ReviewId))
            .OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);
        return items.Select(ActionItemDto.From).ToList();
    }

    public async Task<List<ReviewSummaryDto>> SummariesAsync(IQueryable<Review> reviews, CancellationToken cancellationToken)
    {
        var rows = await reviews
            .Join(db.Lessons, r => r.LessonId, l => l.Id, (r, l) => new { Review = r, Lesson = l })
            .Join(db.Users, x => x.Lesson.OwnerId, u => u.Id, (x, u) => new { x.Review, x.Lesson, Trainee = u.Name })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Review.Id).ToList();
        var mentors = (await db.ReviewMentors.Where(m => ids.Contains(m.ReviewId)).ToListAsync(cancellationToken)).ToLookup(m => m.ReviewId, m => m.UserId);
        var comments = (await db.Comments.Where(c => ids.Contains(c.ReviewId) && c.DeletedAt == null)
            .GroupBy(c => c.ReviewId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken)).ToDictionary(x => x.Key, x => x.Count);
        var open = (await db.ActionItems.Where(i => ids.Contains(i.ReviewId) && i.Status == ActionItemStatus.Open)
            .Select(i => new { i.ReviewId, i.DueDate }).ToListAsync(cancellationToken)).ToLookup(i => i.ReviewId, i => i.DueDate);
        var today = time.Today;
        return rows.Select(r => new ReviewSummaryDto(r.Review.Id, r.Lesson.Id, r.Lesson.Title, r.Lesson.LessonDate, r.Lesson.NextLessonDate,
                r.Review.Stage, r.Review.Kind, r.Review.IsPrivate, r.Lesson.OwnerId, r.Trainee, mentors[r.Review.Id].ToList(), comments.GetValueOrDefault(r.Review.Id),
                open[r.Review.Id].Count(), open[r.Review.Id].Where(d => d is not null).Min(), r.Review.CreatedAt, r.Review.UpdatedAt,
                r.Review.SharedAt ?? r.Review.CreatedAt))
            .OrderBy(s => s, QueueOrder(today))
            .ToList();
    }

    /// <summary>
    /// The mentor's queue: unfinished first; among them reviews with an overdue action item, most
    /// overdue first; then the one waiting longest (asked earliest). An item due later is no reason
    /// to come first: it must not bury a request nobody has answered yet.
    /// </summary>
    internal static IComparer<ReviewSummaryDto> QueueOrder(DateOnly today) => Comparer<ReviewSummaryDto>.Create((a, b) =>
    {
        static DateOnly? Overdue(ReviewSummaryDto s, DateOnly today) => s.NextDue is { } due && due < today ? due : null;
        var byDone = (a.Stage == ReviewStages.Done).CompareTo(b.Stage == ReviewStages.Done);
        if (byDone != 0) return byDone;
        var (overdueA, overdueB) = (Overdue(a, today), Overdue(b, today));
        if (overdueA is not null || overdueB is not null)
        {
            var byOverdue = (overdueA ?? DateOnly.MaxValue).CompareTo(overdueB ?? DateOnly.MaxValue);
            if (byOverdue != 0) return byOverdue;
        }
        return a.RequestedAt.CompareTo(b.RequestedAt);
    });
}
