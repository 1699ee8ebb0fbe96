using LessonReview.Core.Analysis;
using LessonReview.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Analysis;

/// <summary>One analysed lesson of a trainee: the teacher's share of talk and how the students got to speak.</summary>
public sealed record TalkPointDto(Guid LessonId, string LessonTitle, DateOnly Day, double TeacherShare, int StudentTurns, double? MedianWaitSeconds);

/// <summary>A trainee's talk share across their lessons, oldest first (the growth page's talk chart).</summary>
public sealed class TalkHistory(LessonReviewDb db)
{
    public async Task<IReadOnlyList<TalkPointDto>> OfAsync(Guid traineeId, CancellationToken cancellationToken)
    {
        var rows = await db.TalkAnalyses.Where(t => t.Status == TalkStatus.Ready && t.SpeechSeconds > 0)
            .Join(db.Lessons.Where(l => l.OwnerId == traineeId), t => t.LessonId, l => l.Id,
                (t, l) => new { l.Id, l.Title, l.LessonDate, l.CreatedAt, t.TeacherShare, t.StudentTurns, t.MedianWaitSeconds })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new TalkPointDto(r.Id, r.Title, r.LessonDate ?? DateOnly.FromDateTime(r.CreatedAt), r.TeacherShare ?? 0, r.StudentTurns ?? 0, r.MedianWaitSeconds))
            .OrderBy(p => p.Day).ThenBy(p => p.LessonTitle).ToList();
    }
}
