using System.Globalization;
using LessonReview.Core.Analysis;
using LessonReview.Core.Data;
using LessonReview.Core.Events;
using LessonReview.Core.Lessons;
using LessonReview.Core.Storage;
using LessonReview.Media;
using LessonReview.Media.Playback;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LessonReview.Core.Processing;

/// <summary>
/// Makes one lesson playable: original → pipeline in a temporary folder → outputs into storage.
/// HLS segments go to storage as they are written, and the lesson is marked playable (PlayableAt)
/// with the first of them; it is ready once poster and storyboard are stored too. Progress is saved
/// and published about once a second. The original is never deleted here.
/// </summary>
public sealed class LessonProcessor(
    LessonReviewDb db, IMediaStorage storage, PlaybackPipeline pipeline, ILessonEventPublisher events, TalkQueue talk, WorkSignal workSignal,
    TimeProvider clock, IServiceScopeFactory scopes, PlaybackSettings settings, IOptions<WorkerOptions> workerOptions) : ILessonJob
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <summary>Once playable, every progress event says so (the pages keep the player while the rest encodes).</summary>
    private bool _playable;

    /// <summary>
    /// The progress loop and the pipeline's "playable" call both write through the one DbContext,
    /// which allows one operation at a time: they take turns.
    /// </summary>
    private readonly SemaphoreSlim _dbTurn = new(1, 1);

    /// <summary>Runs the pipeline; returns false when the lesson was deleted meanwhile.</summary>
    public async Task<bool> ProcessAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        // A retry starts over: not playable until its own first segments are out.
        if (await db.Lessons.Where(l => l.Id == lessonId).ExecuteUpdateAsync(set => set
                .SetProperty(l => l.PlayableAt, (DateTime?)null).SetProperty(l => l.VideoFile, (string?)null)
                .SetProperty(l => l.StoryboardSheets, 0), cancellationToken) == 0)
            return false;
        if (!await SetStateAsync(lessonId, LessonStatus.Processing, 0, null, cancellationToken)) return false;

        using var lessonGone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var latest = 0.0;
        var work = WorkFolders.ForJob();
        var parts = new JobChunkQueue(scopes, lessonId, workSignal, settings, workerOptions.Value.MaxAttempts);
        var finished = false;
        try
        {
            await using var original = await storage.GetLocalFileAsync(MediaKeys.Original(lessonId), cancellationToken);
            var sink = new StoragePlaybackSink(storage, lessonId, async (playable, token) =>
            {
                if (!await MarkPlayableAsync(lessonId, playable, Volatile.Read(ref latest), token)) await lessonGone.CancelAsync();
            }, (sheets, token) => InTurnAsync(() => db.Lessons.Where(l => l.Id == lessonId && l.Status == LessonStatus.Processing)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.StoryboardSheets, sheets), token), token));
            var run = pipeline.RunAsync(original.Path, InputPolicy.LocalFile, work, p => Volatile.Write(ref latest, p), lessonGone.Token, sink, parts);
            await ReportProgressUntil(run, lessonId, () => Volatile.Read(ref latest), lessonGone, cancellationToken);
            var result = await run;

            await StoreOutputsAsync(lessonId, work, result, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            // Ready and its talk analysis asked for in one transaction: a crash between cannot lose the analysis.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var updated = await db.Lessons.Where(l => l.Id == lessonId).ExecuteUpdateAsync(set => set
                .SetProperty(l => l.Status, LessonStatus.Ready)
                .SetProperty(l => l.Progress, 1.0)
                .SetProperty(l => l.Error, (string?)null)
                .SetProperty(l => l.DurationSeconds, result.Duration.TotalSeconds)
                .SetProperty(l => l.Width, result.Width)
                .SetProperty(l => l.Height, result.Height)
                .SetProperty(l => l.FastPath, result.FastPath)
                .SetProperty(l => l.StoryboardSheets, result.StoryboardSheets.Count)
                .SetProperty(l => l.VideoFile, result.Playlist)
                .SetProperty(l => l.PlayableAt, l => l.PlayableAt ?? now)
                .SetProperty(l => l.ReadyAt, now)
                .SetProperty(l => l.UpdatedAt, now), cancellationToken);
            if (updated > 0)
            {
                await talk.AddAsync(lessonId, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            if (updated == 0)
            {
                await storage.DeletePrefixAsync(MediaKeys.Folder(lessonId), CancellationToken.None);
                return false;
            }
            finished = true;
            workSignal.Analysis.Notify(); // the analysis lane takes it at once
            await events.PublishAsync(new LessonProgress(lessonId, LessonStatus.Ready, 1, null, Playable: true), cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (lessonGone.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Deleted while it encoded: segments published after the delete would otherwise stay behind.
            await storage.DeletePrefixAsync(MediaKeys.Folder(lessonId), CancellationToken.None);
            return false;
        }
        finally
        {
            if (!finished && !cancellationToken.IsCancellationRequested) await parts.DropAsync(); // a retry offers them afresh
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    public Task RunAsync(ProcessingJob job, CancellationToken cancellationToken) => ProcessAsync(job.LessonId, cancellationToken);

    public Task FailInterruptedAsync(Guid lessonId, CancellationToken cancellationToken) =>
        FailAsync(lessonId, ProcessingWorker.InterruptedTooOften, cancellationToken);

    public Task FailAfterAttemptsAsync(Guid lessonId, int attempts, CancellationToken cancellationToken) =>
        FailAsync(lessonId, FailureReason.Encode(ProcessingWorker.FailedTimes, [attempts.ToString(CultureInfo.InvariantCulture)]), cancellationToken);

    /// <summary>Marks the lesson failed with a message for the trainee.</summary>
    public Task FailAsync(Guid lessonId, string message, CancellationToken cancellationToken) =>
        SetStateAsync(lessonId, LessonStatus.Failed, 0, message, cancellationToken);

    /// <summary>The first segments are in storage: the player may start (duration known from the probe, before the encode ends).</summary>
    private Task<bool> MarkPlayableAsync(Guid lessonId, PlayableLesson playable, double progress, CancellationToken cancellationToken) =>
        InTurnAsync(() => MarkPlayableCoreAsync(lessonId, playable, progress, cancellationToken), cancellationToken);

    private async Task<bool> MarkPlayableCoreAsync(Guid lessonId, PlayableLesson playable, double progress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Lessons.Where(l => l.Id == lessonId && l.Status == LessonStatus.Processing).ExecuteUpdateAsync(set => set
            .SetProperty(l => l.PlayableAt, now)
            .SetProperty(l => l.VideoFile, playable.Playlist)
            .SetProperty(l => l.DurationSeconds, playable.Duration.TotalSeconds)
            .SetProperty(l => l.Width, playable.Width)
            .SetProperty(l => l.Height, playable.Height)
            .SetProperty(l => l.FastPath, playable.FastPath)
            .SetProperty(l => l.UpdatedAt, now), cancellationToken);
        if (updated == 0) return false;
        _playable = true;
        await events.PublishAsync(new LessonProgress(lessonId, LessonStatus.Processing, progress, null, Playable: true), cancellationToken);
        return true;
    }

    private async Task ReportProgressUntil(Task run, Guid lessonId, Func<double> latest, CancellationTokenSource lessonGone, CancellationToken cancellationToken)
    {
        var reported = 0.0;
        while (await Task.WhenAny(run, Task.Delay(ProgressInterval, clock, cancellationToken)) != run)
        {
            var progress = latest();
            if (progress - reported < 0.005) continue;
            reported = progress;
            // A lesson deleted while it encodes stops the encode instead of finishing for nobody.
            if (!await SetStateAsync(lessonId, LessonStatus.Processing, progress, null, cancellationToken))
            {
                await lessonGone.CancelAsync();
                return;
            }
        }
    }

    private async Task StoreOutputsAsync(Guid lessonId, string work, PlaybackResult result, CancellationToken cancellationToken)
    {
        // The HLS files are already there (published while they were written).
        var files = new List<(string Name, string ContentType)> { (result.PosterFile, "image/jpeg") };
        if (result.StoryboardVttFile is { } vtt) files.Add((vtt, "text/vtt"));
        files.AddRange(result.StoryboardSheets.Select(sheet => (sheet, "image/jpeg")));
        foreach (var (name, contentType) in files)
            await storage.PutFileAsync(MediaKeys.Output(lessonId, name), Path.Combine(work, name), contentType, cancellationToken);
    }

    private Task<bool> SetStateAsync(Guid lessonId, string status, double progress, string? error, CancellationToken cancellationToken) =>
        InTurnAsync(() => SetStateCoreAsync(lessonId, status, progress, error, cancellationToken), cancellationToken);

    private async Task<T> InTurnAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await _dbTurn.WaitAsync(cancellationToken);
        try
        {
            return await operation();
        }
        finally
        {
            _dbTurn.Release();
        }
    }

    private async Task<bool> SetStateCoreAsync(Guid lessonId, string status, double progress, string? error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Lessons.Where(l => l.Id == lessonId).ExecuteUpdateAsync(set => set
            .SetProperty(l => l.Status, status)
            .SetProperty(l => l.Progress, progress)
            .SetProperty(l => l.Error, error)
            .SetProperty(l => l.UpdatedAt, now), cancellationToken);
        if (updated == 0) return false;
        await events.PublishAsync(new LessonProgress(lessonId, status, progress, error, _playable && status == LessonStatus.Processing), cancellationToken);
        return true;
    }
}
