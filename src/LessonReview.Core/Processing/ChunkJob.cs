using System.Text.Json;
using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Storage;
using LessonReview.Media;
using LessonReview.Media.Playback;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Core.Processing;

/// <summary>
/// Encodes one part of a long lesson for whichever worker claimed it: its segments go into storage
/// under their final names (no playlist names them yet), its playlists into the job row, where the
/// lesson's own job finds them and joins them to the lesson. The lesson itself is left to that job:
/// a part that cannot be done fails its job, and the lesson's job says so on the lesson.
/// </summary>
public sealed class ChunkJob(LessonReviewDb db, IMediaStorage storage, PlaybackPipeline pipeline) : ILessonJob
{
    /// <summary>What the trainee reads when one part kept failing ({0}, {1}: its first and last minute).</summary>
    public const string PartFailed =
        "The part of this video from minute {0} to minute {1} could not be made playable after several tries. " +
        "The file may be damaged there: please upload the original recording again, and tell your coordinator if it happens again.";

    public async Task RunAsync(ProcessingJob job, CancellationToken cancellationToken)
    {
        var part = ReadPart(job);
        if (!await db.Lessons.AnyAsync(l => l.Id == job.LessonId && l.Status == LessonStatus.Processing, cancellationToken))
            return; // the lesson was deleted, failed or started over meanwhile
        // EncodePartAsync makes the folder and removes it, whatever happens.
        await using var original = await storage.GetLocalFileAsync(MediaKeys.Original(job.LessonId), cancellationToken);
        var sink = new StoragePlaybackSink(storage, job.LessonId, (_, _) => Task.CompletedTask);
        var playlists = await pipeline.EncodePartAsync(original.Path, InputPolicy.LocalFile, WorkFolders.ForJob(), part, sink, null, cancellationToken);
        if (await db.ProcessingJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(
                set => set.SetProperty(j => j.Output, WriteOutput(playlists)), cancellationToken) == 0
            && !await db.Lessons.AnyAsync(l => l.Id == job.LessonId, cancellationToken))
            await storage.DeletePrefixAsync(MediaKeys.Folder(job.LessonId), CancellationToken.None); // deleted while we encoded: leave nothing behind
    }

    // The lesson's job notices the failed part and fails the lesson with its own words.
    public Task FailInterruptedAsync(Guid lessonId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task FailAfterAttemptsAsync(Guid lessonId, int attempts, CancellationToken cancellationToken) => Task.CompletedTask;

    internal static LessonChunk ReadPart(ProcessingJob job) =>
        JsonSerializer.Deserialize<LessonChunk>(job.Part ?? throw new InvalidOperationException($"Job {job.Id} names no part of its lesson."))!;

    internal static string WritePart(LessonChunk part) => JsonSerializer.Serialize(part);

    internal static string WriteOutput(PartPlaylists playlists) => JsonSerializer.Serialize(playlists.ByRendition);

    internal static PartPlaylists ReadOutput(string output) => new(JsonSerializer.Deserialize<Dictionary<string, string>>(output)!);
}
