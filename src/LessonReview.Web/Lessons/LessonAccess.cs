using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Web.Accounts;

namespace LessonReview.Web.Lessons;

/// <summary>
/// Who may see and change a lesson, in one place for the API, the hub and the media URLs.
/// Trainees see their own; coordinators see all. Mentors see lessons of reviews they are
/// assigned to (reviews arrive with the review workspace; until then, none).
/// </summary>
public sealed class LessonAccess(LessonReviewDb db)
{
    public IQueryable<Lesson> Visible(Caller caller) => caller.IsCoordinator
        ? db.Lessons
        : db.Lessons.Where(l => l.OwnerId == caller.Id);

    public async Task<Lesson?> FindVisibleAsync(Caller caller, Guid lessonId, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.FindAsync([lessonId], cancellationToken);
        return lesson is not null && CanSee(caller, lesson) ? lesson : null;
    }

    public static bool CanSee(Caller caller, Lesson lesson) => caller.IsCoordinator || lesson.OwnerId == caller.Id;

    public static bool CanDelete(Caller caller, Lesson lesson) => caller.IsCoordinator || lesson.OwnerId == caller.Id;
}
