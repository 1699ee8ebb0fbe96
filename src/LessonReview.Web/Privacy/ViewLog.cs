using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Privacy;

/// <param name="Role">The viewer's role now.</param>
public sealed record LessonViewDto(Guid UserId, string Name, string Role, DateTime At);

/// <summary>Who watched a lesson and when: written when someone other than its trainee opens its video, read by the trainee and coordinators.</summary>
public sealed class ViewLog(LessonReviewDb db, TimeProvider clock)
{
    /// <summary>Opening the page again within this time is the same viewing.</summary>
    public static readonly TimeSpan SameViewing = TimeSpan.FromMinutes(30);

    public async Task RecordAsync(Lesson lesson, Caller viewer, CancellationToken cancellationToken)
    {
        if (lesson.OwnerId == viewer.Id || !lesson.IsPlayable()) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - SameViewing;
        if (await db.LessonViews.AnyAsync(v => v.LessonId == lesson.Id && v.UserId == viewer.Id && v.At >= since, cancellationToken)) return;
        db.LessonViews.Add(new LessonView { LessonId = lesson.Id, UserId = viewer.Id, At = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    public static bool MayRead(Lesson lesson, Caller caller) => caller.IsCoordinator || lesson.OwnerId == caller.Id;

    /// <summary>The newest 200 viewings.</summary>
    public async Task<List<LessonViewDto>> ReadAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        var rows = await db.LessonViews.Where(v => v.LessonId == lessonId).OrderByDescending(v => v.At).Take(200)
            .Join(db.Users, v => v.UserId, u => u.Id, (v, u) => new { v.UserId, u.Name, v.At, RoleId = db.UserRoles.Where(r => r.UserId == u.Id).Select(r => (Guid?)r.RoleId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new LessonViewDto(r.UserId, r.Name, r.RoleId is { } id ? Core.Accounts.Roles.NameOf(id) : "", r.At)).OrderByDescending(r => r.At).ToList();
    }
}
