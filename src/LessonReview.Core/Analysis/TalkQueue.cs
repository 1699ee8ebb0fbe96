using LessonReview.Core.Data;
using LessonReview.Core.Processing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LessonReview.Core.Analysis;

/// <summary>Asks for a lesson's talk to be analysed: its analysis row (queued) and an analysis job, in the caller's unit of work.</summary>
public sealed class TalkQueue(LessonReviewDb db, JobQueue jobs, IOptions<TalkOptions> options, TimeProvider clock)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>Adds (or resets) the lesson's analysis to the context's pending changes; the caller saves. Nothing when analysis is off.</summary>
    public async Task AddAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        if (!Enabled) return;
        var analysis = await db.TalkAnalyses.FindAsync([lessonId], cancellationToken);
        if (analysis is null) db.TalkAnalyses.Add(analysis = new TalkAnalysis { LessonId = lessonId });
        analysis.Status = TalkStatus.Queued;
        analysis.Error = null;
        analysis.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        jobs.Add(lessonId, JobKind.Talk);
    }

    /// <summary>True when the lesson's analysis is waiting or running (asking again would only queue it twice).</summary>
    public Task<bool> PendingAsync(Guid lessonId, CancellationToken cancellationToken) =>
        db.TalkAnalyses.AnyAsync(t => t.LessonId == lessonId && (t.Status == TalkStatus.Queued || t.Status == TalkStatus.Running), cancellationToken);
}
