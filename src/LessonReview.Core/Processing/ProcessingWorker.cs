using System.Diagnostics;
using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Telemetry;
using LessonReview.Media.Playback;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LessonReview.Core.Processing;

/// <summary>
/// Claims processing jobs and runs them, renewing the lease while it works, in two lanes of one job
/// each: playback (ffmpeg already uses every core) and analysis (light), so a lesson never waits
/// behind another's talk analysis to become playable (measured: 9 s behind a 45-minute lesson's).
/// Hosted in the web app by default, or in LessonReview.Worker.
/// </summary>
public sealed class ProcessingWorker(
    IServiceScopeFactory scopes, IOptions<WorkerOptions> options, WorkSignal signal, TimeProvider clock, ILogger<ProcessingWorker> log) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    private WorkerOptions Options => options.Value;
    private TimeSpan Lease => TimeSpan.FromSeconds(Options.LeaseSeconds);

    /// <summary>What the trainee reads when the worker kept dying mid-job.</summary>
    public const string InterruptedTooOften =
        "Processing was interrupted too many times. Please try uploading the video again; if it happens again, contact your coordinator.";

    /// <summary>What the trainee reads when every attempt failed ({0}: how many).</summary>
    public const string FailedTimes =
        "Processing failed {0} times. The file may be unusual or the server short of space; please try uploading again, and tell your coordinator if it keeps failing.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        log.LogInformation("Processing worker {Owner} started", _owner);
        // A worker killed mid-job (kill -9, a crash) left its ffmpeg running and its files behind; its lease brings the job back.
        var orphans = WorkFolders.CleanUpOrphans(log);
        if (orphans > 0) log.LogInformation("Removed {Count} work folders left by workers that died", orphans);
        await Task.WhenAll(RunLaneAsync(JobKind.PlaybackLane, signal, stoppingToken), RunLaneAsync(JobKind.AnalysisLane, signal.Analysis, stoppingToken));
    }

    private async Task RunLaneAsync(IReadOnlyCollection<string> kinds, WakeSignal wake, CancellationToken stoppingToken)
    {
        await Task.Yield(); // both lanes start at once
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunNextJobAsync(stoppingToken, kinds))
                    await wake.WaitAsync(TimeSpan.FromSeconds(Options.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable: keep the worker alive and try again.
                log.LogError(e, "Processing worker loop failed; retrying shortly");
                await Task.Delay(TimeSpan.FromSeconds(Options.PollSeconds), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Runs one job of <paramref name="kinds"/> (any when null) if there is one; false when there is none.</summary>
    internal async Task<bool> RunNextJobAsync(CancellationToken stoppingToken, IReadOnlyCollection<string>? kinds = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var processor = scope.ServiceProvider.GetRequiredService<LessonProcessor>();
        var job = await queue.TryClaimAsync(_owner, Lease, stoppingToken, kinds);
        if (job is null) return false;
        ILessonJob work = job.Kind switch
        {
            JobKind.Talk => scope.ServiceProvider.GetRequiredService<Analysis.TalkJob>(),
            JobKind.Chunk => scope.ServiceProvider.GetRequiredService<ChunkJob>(),
            _ => processor,
        };

        if (job.Attempts > Options.MaxAttempts)
        {
            // It kept dying mid-job (the process was killed each time): stop trying.
            await work.FailInterruptedAsync(job.LessonId, stoppingToken);
            await queue.FailAsync(job.Id, _owner, "too many interrupted attempts", stoppingToken);
            return true;
        }

        using var activity = LessonReviewTelemetry.Source.StartActivity("process lesson");
        activity?.SetTag("lessonreview.lesson.id", job.LessonId);
        activity?.SetTag("lessonreview.attempt", job.Attempts);
        activity?.SetTag("lessonreview.job.kind", job.Kind);
        LessonReviewTelemetry.QueueWait.Record(Math.Max(0, (clock.GetUtcNow().UtcDateTime - job.AvailableAt).TotalSeconds));
        var started = Stopwatch.GetTimestamp();
        var outcome = "interrupted";
        using var jobCancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = KeepLeaseAsync(job.Id, jobCancel);
        try
        {
            log.LogInformation("Processing lesson {LessonId}: {Kind} (attempt {Attempt})", job.LessonId, job.Kind, job.Attempts);
            await work.RunAsync(job, jobCancel.Token);
            await queue.CompleteAsync(job.Id, _owner, CancellationToken.None);
            outcome = "succeeded";
        }
        catch (UnplayableMediaException e)
        {
            outcome = "unplayable";
            log.LogInformation("Lesson {LessonId} cannot be played: {Reason}", job.LessonId, e.InnerException?.Message ?? e.Message);
            if (job.Kind == JobKind.Chunk)
            {
                // The lesson's own job says it on the lesson, in these words.
                await queue.FailAsync(job.Id, _owner, JobChunkQueue.UnplayableMark + FailureReason.Encode(e.Template, e.Values), CancellationToken.None);
                return true;
            }
            await processor.FailAsync(job.LessonId, FailureReason.Encode(e.Template, e.Values), CancellationToken.None);
            await queue.FailAsync(job.Id, _owner, e.ToString(), CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and this or another worker takes the job again.
            log.LogInformation("Stopped processing lesson {LessonId} for shutdown", job.LessonId);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            if (job.Attempts >= Options.MaxAttempts)
            {
                outcome = "failed";
                log.LogError(e, "Lesson {LessonId} failed after {Attempts} attempts", job.LessonId, job.Attempts);
                await work.FailAfterAttemptsAsync(job.LessonId, job.Attempts, CancellationToken.None);
                await queue.FailAsync(job.Id, _owner, e.ToString(), CancellationToken.None);
            }
            else
            {
                outcome = "retry";
                log.LogWarning(e, "Lesson {LessonId} failed on attempt {Attempt}; will retry", job.LessonId, job.Attempts);
                await queue.RetryLaterAsync(job.Id, _owner, e.ToString(), TimeSpan.FromSeconds(5 * job.Attempts), CancellationToken.None);
            }
        }
        finally
        {
            await jobCancel.CancelAsync();
            await heartbeat;
            await RecordAsync(scope.ServiceProvider, job.LessonId, outcome, Stopwatch.GetElapsedTime(started), activity);
        }
        return true;
    }

    private static async Task RecordAsync(IServiceProvider services, Guid lessonId, string outcome, TimeSpan elapsed, Activity? activity)
    {
        var tag = new KeyValuePair<string, object?>(LessonReviewTelemetry.Outcome, outcome);
        activity?.SetTag(LessonReviewTelemetry.Outcome, outcome);
        LessonReviewTelemetry.JobDuration.Record(elapsed.TotalSeconds, tag);
        if (!LessonReviewTelemetry.BytesProcessed.Enabled) return; // the size costs a query: only when someone measures
        var bytes = await services.GetRequiredService<LessonReviewDb>().Lessons.Where(l => l.Id == lessonId)
            .Select(l => (long?)l.UploadLength).FirstOrDefaultAsync(CancellationToken.None);
        if (bytes is > 0) LessonReviewTelemetry.BytesProcessed.Add(bytes.Value, tag);
    }

    private async Task KeepLeaseAsync(Guid jobId, CancellationTokenSource jobCancel)
    {
        try
        {
            using var timer = new PeriodicTimer(Lease / 3);
            while (await timer.WaitForNextTickAsync(jobCancel.Token))
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<JobQueue>().RenewAsync(jobId, _owner, Lease, jobCancel.Token)) continue;
                log.LogWarning("Lost the lease on job {JobId}; another worker has it", jobId);
                await jobCancel.CancelAsync();
            }
        }
        catch (OperationCanceledException) { }
    }
}
