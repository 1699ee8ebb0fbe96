using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Reviews;
using LessonReview.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Reviews;

/// <summary>A review the caller can see, with its lesson and the caller's part in it.</summary>
public sealed record ReviewContext(Review Review, Lesson Lesson, ReviewRole Role);

/// <summary>
/// Who sees a review: the trainee whose lesson it is, the mentors assigned to it, coordinators —
/// except a private self-review (no mentor invited yet), which only its trainee sees.
/// The API, the hub (JoinReview) and the media URLs all ask here.
/// </summary>
public sealed class ReviewAccess(LessonReviewDb db)
{
    public IQueryable<Review> Visible(Caller caller)
    {
        var owned = db.Lessons.Where(l => l.OwnerId == caller.Id).Select(l => l.Id);
        if (caller.IsCoordinator)
            return db.Reviews.Where(r => r.Kind != ReviewKinds.Self || r.SharedAt != null || owned.Contains(r.LessonId));
        // Being on a review's mentor list counts while one is a mentor: someone made a trainee leaves those reviews at once.
        if (caller.Role != Roles.Mentor) return db.Reviews.Where(r => owned.Contains(r.LessonId));
        var assigned = db.ReviewMentors.Where(m => m.UserId == caller.Id).Select(m => m.ReviewId);
        return db.Reviews.Where(r => assigned.Contains(r.Id) || owned.Contains(r.LessonId));
    }

    public async Task<ReviewContext?> FindAsync(Caller caller, Guid reviewId, CancellationToken cancellationToken)
    {
        var found = await db.Reviews.Where(r => r.Id == reviewId)
            .Join(db.Lessons, r => r.LessonId, l => l.Id, (r, l) => new { Review = r, Lesson = l })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null) return null;
        if (found.Review.IsPrivate && found.Lesson.OwnerId != caller.Id) return null;
        if (caller.IsCoordinator) return new(found.Review, found.Lesson, ReviewRole.Coordinator);
        if (found.Lesson.OwnerId == caller.Id) return new(found.Review, found.Lesson, ReviewRole.Trainee);
        if (caller.Role != Roles.Mentor) return null;
        var assigned = await db.ReviewMentors.AnyAsync(m => m.ReviewId == reviewId && m.UserId == caller.Id, cancellationToken);
        return assigned ? new(found.Review, found.Lesson, ReviewRole.Mentor) : null;
    }
}
