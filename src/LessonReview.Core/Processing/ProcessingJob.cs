namespace LessonReview.Core.Processing;

/// <summary>
/// A persisted request to make a lesson playable or to analyse it (<see cref="Kind"/>). A worker claims it with a lease and renews the
/// lease while it works; a job whose lease ran out (crash, restart) is claimed again.
/// </summary>
public sealed class ProcessingJob
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid LessonId { get; set; }
    /// <summary>One of <see cref="JobKind"/>.</summary>
    public string Kind { get; set; } = JobKind.Playback;
    /// <summary>A <see cref="JobKind.Chunk"/> job's part of the lesson (JSON of a LessonChunk); null for the other kinds.</summary>
    public string? Part { get; set; }
    /// <summary>A finished part's media playlists (JSON: rendition → playlist), which the lesson's own job joins.</summary>
    public string? Output { get; set; }
    /// <summary>One of <see cref="JobState"/>.</summary>
    public string State { get; set; } = JobState.Queued;
    public int Attempts { get; set; }
    /// <summary>Not claimed before this instant (retry back-off).</summary>
    public DateTime AvailableAt { get; set; } = DateTime.UtcNow;
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? FinishedAt { get; set; }
}

public static class JobState
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
