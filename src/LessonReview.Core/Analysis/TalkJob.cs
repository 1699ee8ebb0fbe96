using System.Globalization;
using System.Text.Json;
using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Processing;
using LessonReview.Core.Storage;
using LessonReview.Media.Analysis;
using LessonReview.Media.Playback;
using LessonReview.Media.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LessonReview.Core.Analysis;

/// <summary>
/// Analyses one lesson's talk from its playable video, on this server (recordings of minors never
/// leave it). Runs as a job of its own after the lesson is playable, so it never delays playback, and
/// whatever goes wrong here is said on the analysis, never on the lesson.
/// </summary>
public sealed class TalkJob(
    LessonReviewDb db, IMediaStorage storage, IOptions<TalkOptions> options, FFMpegSettings ffmpeg, TimeProvider clock, ILogger<TalkJob> log) : ILessonJob
{
    /// <summary>What everyone reads when the analysis kept being interrupted.</summary>
    public const string InterruptedTooOften = "The talk analysis was interrupted too many times. Ask for it again from the lesson page.";
    /// <summary>What everyone reads when every attempt failed ({0}: how many).</summary>
    public const string FailedTimes = "The talk analysis failed {0} times. The video still plays; ask for the analysis again later, and tell your coordinator if it keeps failing.";
    /// <summary>What everyone reads when the server cannot analyse at all ({0}: why, for the administrator).</summary>
    public const string ModelProblem = "This server cannot analyse talk yet: {0}";
    public const string NoSound = "This recording has no sound, so there is no talk to measure.";
    public const string TurnedOff = "Talk analysis is turned off on this server.";
    public const string OriginalRemoved = "The original recording has been removed under the programme's privacy rule, so the talk can no longer be measured.";

    public Task RunAsync(ProcessingJob job, CancellationToken cancellationToken) => RunAsync(job.LessonId, cancellationToken);

    public async Task RunAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            await FinishAsync(lessonId, TalkStatus.Failed, StoredSentence.Encode(TurnedOff, []), cancellationToken);
            return;
        }
        var lesson = await db.Lessons.AsNoTracking().Where(l => l.Id == lessonId)
            .Select(l => new { l.Status, l.VideoFile, l.OriginalDeletedAt }).SingleOrDefaultAsync(cancellationToken);
        if (lesson?.Status != LessonStatus.Ready) return; // deleted, or made playable again later (which queues a new analysis)
        if (await db.TalkAnalyses.Where(t => t.LessonId == lessonId).ExecuteUpdateAsync(set => set
                .SetProperty(t => t.Status, TalkStatus.Running).SetProperty(t => t.UpdatedAt, clock.GetUtcNow().UtcDateTime), cancellationToken) == 0)
            return;

        // The sound is read from the original upload (HLS is many files; in Azure they are many blobs),
        // or from the one MP4 of a lesson made before HLS. Once the privacy rule removed the original,
        // an HLS lesson cannot be measured again.
        var source = lesson.OriginalDeletedAt is null ? MediaKeys.Original(lessonId)
            : lesson.VideoFile is null ? MediaKeys.Output(lessonId, PlaybackPipeline.LegacyVideoFileName) : null;
        if (source is null)
        {
            await FinishAsync(lessonId, TalkStatus.Failed, StoredSentence.Encode(OriginalRemoved, []), cancellationToken);
            return;
        }

        TalkReport report;
        try
        {
            await using var video = await storage.GetLocalFileAsync(source, cancellationToken);
            var analyzer = new TalkAnalyzer(options.Value.EffectiveModelPath, options.Value, FFMpegBinaries.Ffmpeg(ffmpeg));
            report = await analyzer.AnalyzeAsync(video.Path, cancellationToken);
        }
        catch (NoSoundException)
        {
            await FinishAsync(lessonId, TalkStatus.Failed, StoredSentence.Encode(NoSound, []), cancellationToken);
            return;
        }
        catch (VoiceActivityModelException e)
        {
            // The server's set-up, not this lesson: retrying cannot help until an administrator acts.
            log.LogWarning("Talk analysis of lesson {LessonId} is impossible: {Reason}", lessonId, e.Message);
            await FinishAsync(lessonId, TalkStatus.Failed, StoredSentence.Encode(ModelProblem, [e.Message]), cancellationToken);
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var segments = JsonSerializer.Serialize(report.Segments.Select(s => new[] { Round(s.Start), Round(s.End), (double)(int)s.Speaker }));
        var minutes = JsonSerializer.Serialize(report.Minutes.Select(m => new[] { Round(m.TeacherSeconds), Round(m.StudentSeconds) }));
        await db.TalkAnalyses.Where(t => t.LessonId == lessonId).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.Status, TalkStatus.Ready)
            .SetProperty(t => t.Error, (string?)null)
            .SetProperty(t => t.DurationSeconds, Round(report.DurationSeconds))
            .SetProperty(t => t.SpeechSeconds, Round(report.SpeechSeconds))
            .SetProperty(t => t.TeacherSeconds, Round(report.TeacherSeconds))
            .SetProperty(t => t.StudentSeconds, Round(report.StudentSeconds))
            .SetProperty(t => t.TeacherShare, Math.Round(report.TeacherShare, 4))
            .SetProperty(t => t.StudentTurns, report.StudentTurns)
            .SetProperty(t => t.LongestTeacherTurnSeconds, Round(report.LongestTeacherTurnSeconds))
            .SetProperty(t => t.MedianWaitSeconds, report.MedianWaitSeconds is { } wait ? Round(wait) : null)
            .SetProperty(t => t.SegmentsJson, segments)
            .SetProperty(t => t.MinutesJson, minutes)
            .SetProperty(t => t.UpdatedAt, now), cancellationToken);
        log.LogInformation("Talk analysis of lesson {LessonId}: teacher {Share:P0} of {Speech:F0} s speech, {Turns} student turns",
            lessonId, report.TeacherShare, report.SpeechSeconds, report.StudentTurns);
    }

    public Task FailInterruptedAsync(Guid lessonId, CancellationToken cancellationToken) =>
        FinishAsync(lessonId, TalkStatus.Failed, StoredSentence.Encode(InterruptedTooOften, []), cancellationToken);

    public Task FailAfterAttemptsAsync(Guid lessonId, int attempts, CancellationToken cancellationToken) =>
        FinishAsync(lessonId, TalkStatus.Failed, StoredSentence.Encode(FailedTimes, [attempts.ToString(CultureInfo.InvariantCulture)]), cancellationToken);

    private Task FinishAsync(Guid lessonId, string status, string? error, CancellationToken cancellationToken) =>
        db.TalkAnalyses.Where(t => t.LessonId == lessonId).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.Status, status)
            .SetProperty(t => t.Error, error)
            .SetProperty(t => t.UpdatedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);

    private static double Round(double seconds) => Math.Round(seconds, 2);
}
