using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Lessons;

/// <summary>
/// Who may see and change a lesson, in one place for the API, the hub and the media URLs.
/// Trainees see their own; mentors see lessons of the reviews they are assigned to; coordinators see all.
/// Only the owner or a coordinator deletes.
/// </summary>
public sealed class LessonAccess(LessonReviewDb db)
{
    public IQueryable<Lesson> Visible(Caller caller)
    {
        if (caller.IsCoordinator) return db.Lessons;
        // As ReviewAccess: a mentor list counts only for a mentor (someone made a trainee loses those lessons' videos at once).
        if (caller.Role != Roles.Mentor) return db.Lessons.Where(l => l.OwnerId == caller.Id);
        var assigned = db.ReviewMentors.Where(m => m.UserId == caller.Id)
            .Join(db.Reviews, m => m.ReviewId, r => r.Id, (m, r) => r.LessonId);
        return db.Lessons.Where(l => l.OwnerId == caller.Id || assigned.Contains(l.Id));
    }

    public Task<Lesson?> FindVisibleAsync(Caller caller, Guid lessonId, CancellationToken cancellationToken) =>
        Visible(caller).SingleOrDefaultAsync(l => l.Id == lessonId, cancellationToken);

    public static bool CanDelete(Caller caller, Lesson lesson) => caller.IsCoordinator || lesson.OwnerId == caller.Id;
}
