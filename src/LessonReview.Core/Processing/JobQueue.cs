using LessonReview.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Core.Processing;

/// <summary>
/// Persisted processing jobs. A claim is one conditional UPDATE, so two workers (threads or
/// processes) racing for the same job cannot both win, on SQLite and PostgreSQL alike.
/// </summary>
public sealed class JobQueue(LessonReviewDb db, TimeProvider clock)
{
    public async Task EnqueueAsync(Guid lessonId, CancellationToken cancellationToken = default)
    {
        Add(lessonId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds the job to the context's pending changes, to be saved with the caller's own (one transaction).</summary>
    public void Add(Guid lessonId, string kind = JobKind.Playback) =>
        db.ProcessingJobs.Add(new ProcessingJob { LessonId = lessonId, Kind = kind, AvailableAt = clock.GetUtcNow().UtcDateTime });

    /// <summary>
    /// Adds a long lesson's parts (<see cref="JobKind.Chunk"/>) to the pending changes, to be claimed
    /// in the order of their index whatever the order given: viewers watch from the start.
    /// </summary>
    public void AddParts(Guid lessonId, IEnumerable<(int Index, string Part)> parts)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (index, part) in parts)
            db.ProcessingJobs.Add(new ProcessingJob
            {
                // a microsecond apart: PostgreSQL keeps microseconds
                LessonId = lessonId, Kind = JobKind.Chunk, Part = part, AvailableAt = now + TimeSpan.FromMicroseconds(index),
            });
    }

    /// <summary>
    /// Claims the oldest runnable job (queued, or running with an expired lease) of one of <paramref name="kinds"/>
    /// (<see cref="JobKind"/>; null for any), whole lessons before parts before analyses, or null.
    /// <paramref name="lessonId"/>: only that lesson's (a long lesson's job taking back its own parts).
    /// </summary>
    public async Task<ProcessingJob?> TryClaimAsync(
        string owner, TimeSpan lease, CancellationToken cancellationToken = default, IReadOnlyCollection<string>? kinds = null, Guid? lessonId = null)
    {
        if (db.Database.IsNpgsql()) return await TryClaimWithSkipLockedAsync(owner, lease, kinds?.ToArray() ?? [], lessonId ?? Guid.Empty, cancellationToken);
        for (var tries = 0; tries < 5; tries++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var candidate = await Runnable(now)
                .Where(j => kinds == null || kinds.Contains(j.Kind))
                .Where(j => lessonId == null || j.LessonId == lessonId)
                .OrderBy(j => j.Kind == JobKind.Playback ? 0 : j.Kind == JobKind.Chunk ? 1 : 2).ThenBy(j => j.AvailableAt)
                .Select(j => j.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate == Guid.Empty) return null;

            var claimed = await Runnable(now).Where(j => j.Id == candidate).ExecuteUpdateAsync(set => set
                .SetProperty(j => j.State, JobState.Running)
                .SetProperty(j => j.LeaseOwner, owner)
                .SetProperty(j => j.LeaseExpiresAt, now + lease)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1), cancellationToken);
            if (claimed == 1)
                return await db.ProcessingJobs.AsNoTracking().SingleAsync(j => j.Id == candidate, cancellationToken);
            // Another worker won this one: look again.
        }
        return null;
    }

    // PostgreSQL: one statement; rows another worker is claiming right now are skipped, not waited for.
    private async Task<ProcessingJob?> TryClaimWithSkipLockedAsync(string owner, TimeSpan lease, string[] kinds, Guid lessonId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + lease;
        var claimed = await db.Database.SqlQuery<Guid>($"""
            UPDATE processing_jobs SET "State" = 'running', "LeaseOwner" = {owner}, "LeaseExpiresAt" = {until}, "Attempts" = "Attempts" + 1
            WHERE "Id" = (
                SELECT "Id" FROM processing_jobs
                WHERE (("State" = 'queued' AND "AvailableAt" <= {now}) OR ("State" = 'running' AND "LeaseExpiresAt" < {now}))
                  AND (cardinality({kinds}) = 0 OR "Kind" = ANY({kinds}))
                  AND ({lessonId} = '00000000-0000-0000-0000-000000000000'::uuid OR "LessonId" = {lessonId})
                ORDER BY CASE "Kind" WHEN 'playback' THEN 0 WHEN 'chunk' THEN 1 ELSE 2 END, "AvailableAt" LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
        return claimed.Count == 0 ? null
            : await db.ProcessingJobs.AsNoTracking().SingleAsync(j => j.Id == claimed[0], cancellationToken);
    }

    /// <summary>Extends our lease; false when the job is no longer ours (it expired and was taken).</summary>
    public async Task<bool> RenewAsync(Guid jobId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ProcessingJobs
            .Where(j => j.Id == jobId && j.State == JobState.Running && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.LeaseExpiresAt, now + lease), cancellationToken) == 1;
    }

    public Task CompleteAsync(Guid jobId, string owner, CancellationToken cancellationToken = default) =>
        Finish(jobId, owner, JobState.Succeeded, null, cancellationToken);

    public Task FailAsync(Guid jobId, string owner, string error, CancellationToken cancellationToken = default) =>
        Finish(jobId, owner, JobState.Failed, error, cancellationToken);

    /// <summary>Gives the job back for another attempt after <paramref name="delay"/>.</summary>
    public async Task RetryLaterAsync(Guid jobId, string owner, string error, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ProcessingJobs.Where(j => j.Id == jobId && j.LeaseOwner == owner).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.State, JobState.Queued)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(j => j.AvailableAt, now + delay)
            .SetProperty(j => j.LastError, Truncate(error)), cancellationToken);
    }

    private async Task Finish(Guid jobId, string owner, string state, string? error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ProcessingJobs.Where(j => j.Id == jobId && j.LeaseOwner == owner).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.State, state)
            .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.LastError, Truncate(error)), cancellationToken);
    }

    private IQueryable<ProcessingJob> Runnable(DateTime now) => db.ProcessingJobs.Where(j =>
        (j.State == JobState.Queued && j.AvailableAt <= now)
        || (j.State == JobState.Running && j.LeaseExpiresAt < now));

    private static string? Truncate(string? text) => text is { Length: > 4000 } ? text[..4000] : text;
}
