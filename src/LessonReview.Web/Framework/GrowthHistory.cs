using LessonReview.Core.Data;
using LessonReview.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Framework;

/// <param name="Day">The lesson's date (the day it was uploaded when none was given).</param>
public sealed record GrowthPointDto(Guid ReviewId, string LessonTitle, DateOnly Day, int Level);

/// <summary>One area's levels across a trainee's lessons, oldest first.</summary>
public sealed record AreaGrowthDto(AreaDto Area, IReadOnlyList<GrowthPointDto> Points)
{
    public int MaxLevel => Area.Levels.Count == 0 ? Points.Select(p => p.Level).DefaultIfEmpty(1).Max() : Area.Levels.Max(l => l.Level);
}

/// <summary>A trainee's ratings over time, area by area: the growth page and <c>GET /api/users/{id}/growth</c>.</summary>
public sealed class GrowthHistory(LessonReviewDb db, GrowthFramework framework)
{
    /// <param name="includePrivate">
    /// Also the ratings of private self-reviews: only when the trainee reads their own growth (a
    /// self-review stays theirs alone until they invite a mentor; coordinators see shared reviews only).
    /// </param>
    public async Task<IReadOnlyList<AreaGrowthDto>> OfAsync(Guid traineeId, bool includePrivate, CancellationToken cancellationToken)
    {
        var reviews = includePrivate ? db.Reviews : db.Reviews.Shared();
        var rows = await db.AreaRatings
            .Join(reviews, r => r.ReviewId, v => v.Id, (r, v) => new { r.AreaId, r.Level, r.ReviewId, v.LessonId })
            .Join(db.Lessons.Where(l => l.OwnerId == traineeId), x => x.LessonId, l => l.Id,
                (x, l) => new { x.AreaId, x.Level, x.ReviewId, l.Title, l.LessonDate, l.CreatedAt })
            .ToListAsync(cancellationToken);
        var areas = (await framework.ReadAsync(includeArchived: true, cancellationToken)).Areas;
        // Every area in use, and archived ones this trainee was rated in (their history stays).
        return areas.Where(a => !a.Archived || rows.Any(r => r.AreaId == a.Id))
            .Select(a => new AreaGrowthDto(a, rows.Where(r => r.AreaId == a.Id)
                .Select(r => new GrowthPointDto(r.ReviewId, r.Title, r.LessonDate ?? DateOnly.FromDateTime(r.CreatedAt), r.Level))
                .OrderBy(p => p.Day).ToList()))
            .ToList();
    }
}
