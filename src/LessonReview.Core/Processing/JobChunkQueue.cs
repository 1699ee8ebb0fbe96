using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Media.Playback;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LessonReview.Core.Processing;

/// <summary>
/// A long lesson's parts as jobs in the job queue (<see cref="JobKind.Chunk"/>), seen from the
/// lesson's own job: offered to every worker's playback lane, taken back by the lesson's job when
/// nobody has started them, finished ones read back with their playlists. Each call uses a scope of
/// its own (the lesson's job is using its DbContext for progress meanwhile).
/// </summary>
internal sealed class JobChunkQueue(IServiceScopeFactory scopes, Guid lessonId, WorkSignal signal, PlaybackSettings settings, int maxAttempts)
    : IChunkQueue
{
    /// <summary>How a part that failed because of the file keeps its sentence for the lesson (LastError).</summary>
    internal const string UnplayableMark = "unplayable:";

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly string _owner = $"lesson {lessonId:N} on {Environment.MachineName}/{Environment.ProcessId}";
    private readonly Dictionary<int, (Guid Job, int Attempts)> _taken = [];

    /// <summary>Starts over: parts of an earlier attempt are dropped (a worker still encoding one loses its lease and stops).</summary>
    public async Task QueueAsync(IReadOnlyList<LessonChunk> parts, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ProcessingJobs.Where(j => j.LessonId == lessonId && j.Kind == JobKind.Chunk).ExecuteDeleteAsync(cancellationToken);
        queue.AddParts(lessonId, parts.Select(p => (p.Index, ChunkJob.WritePart(p))));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify(); // this process's own playback lane is busy with the lesson; other processes look within Worker:PollSeconds
    }

    public async Task<LessonChunk?> TakeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        // No heartbeat here: the lease covers the part's whole time budget. Should this job die, its
        // retry queues every part afresh anyway.
        var lease = settings.TimeBudget(TimeSpan.FromSeconds(settings.ChunkSeconds * 2));
        if (await queue.TryClaimAsync(_owner, lease, cancellationToken, [JobKind.Chunk], lessonId) is not { } job) return null;
        var part = ChunkJob.ReadPart(job);
        _taken[part.Index] = (job.Id, job.Attempts);
        return part;
    }

    public async Task CompleteAsync(LessonChunk part, PartPlaylists playlists, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var job = _taken[part.Index].Job;
        await db.ProcessingJobs.Where(j => j.Id == job).ExecuteUpdateAsync(set => set.SetProperty(j => j.Output, ChunkJob.WriteOutput(playlists)), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<JobQueue>().CompleteAsync(job, _owner, cancellationToken);
    }

    public async Task GiveBackAsync(LessonChunk part, Exception error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var (job, attempts) = _taken[part.Index];
        if (attempts >= maxAttempts) await queue.FailAsync(job, _owner, error.ToString(), cancellationToken);
        else await queue.RetryLaterAsync(job, _owner, error.ToString(), TimeSpan.FromSeconds(5 * attempts), cancellationToken);
    }

    public async Task<IReadOnlyList<FinishedPart>> FinishedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var jobs = await db.ProcessingJobs.AsNoTracking()
            .Where(j => j.LessonId == lessonId && j.Kind == JobKind.Chunk && (j.State == JobState.Succeeded || j.State == JobState.Failed))
            .ToListAsync(cancellationToken);
        if (jobs.FirstOrDefault(j => j.State == JobState.Failed) is { } failed) throw Failure(failed);
        return jobs.Where(j => j.Output is not null).Select(j => new FinishedPart(ChunkJob.ReadPart(j), ChunkJob.ReadOutput(j.Output!))).ToList();
    }

    public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(Poll, cancellationToken);

    /// <summary>After the lesson's job gave up: parts nobody needs any more leave the queue.</summary>
    public async Task DropAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LessonReviewDb>().ProcessingJobs
            .Where(j => j.LessonId == lessonId && j.Kind == JobKind.Chunk && j.State != JobState.Succeeded)
            .ExecuteDeleteAsync(CancellationToken.None);
    }

    private static UnplayableMediaException Failure(ProcessingJob failed)
    {
        if (failed.LastError is { } error && error.StartsWith(UnplayableMark, StringComparison.Ordinal))
        {
            var (template, values) = FailureReason.Decode(error[UnplayableMark.Length..]);
            return new UnplayableMediaException(template, values);
        }
        var part = ChunkJob.ReadPart(failed);
        return new UnplayableMediaException(ChunkJob.PartFailed, [(int)part.Start.TotalMinutes, (int)Math.Ceiling(part.End.TotalMinutes)]);
    }
}
