namespace LessonReview.Media.Playback;

/// <summary>
/// Where a lesson encoded in parts (<see cref="LessonChunk"/>) hands its other parts to any worker,
/// takes back the ones nobody has started (so a single worker finishes the lesson alone), and learns
/// which are finished. The app's is the job queue (a job per part); a failed part is retried alone.
/// </summary>
public interface IChunkQueue
{
    /// <summary>Offers these parts to every worker.</summary>
    Task QueueAsync(IReadOnlyList<LessonChunk> parts, CancellationToken cancellationToken);

    /// <summary>A part nobody has started (or whose worker died), now ours to encode; null when there is none.</summary>
    Task<LessonChunk?> TakeAsync(CancellationToken cancellationToken);

    /// <summary>A part we took is encoded and its segments published.</summary>
    Task CompleteAsync(LessonChunk part, PartPlaylists playlists, CancellationToken cancellationToken);

    /// <summary>A part we took failed (not because of the file): it is offered again, alone, until it has failed too often.</summary>
    Task GiveBackAsync(LessonChunk part, Exception error, CancellationToken cancellationToken);

    /// <summary>
    /// Every part finished so far (by anyone). Throws <see cref="UnplayableMediaException"/> when a
    /// part failed for good: the lesson cannot be finished.
    /// </summary>
    Task<IReadOnlyList<FinishedPart>> FinishedAsync(CancellationToken cancellationToken);

    /// <summary>Waits until a part may have finished or become free (or a short while).</summary>
    Task WaitAsync(CancellationToken cancellationToken);
}

/// <summary>A part's media playlist per rendition name: its segments, their lengths, where they start.</summary>
public sealed record PartPlaylists(IReadOnlyDictionary<string, string> ByRendition);

public sealed record FinishedPart(LessonChunk Part, PartPlaylists Playlists);
