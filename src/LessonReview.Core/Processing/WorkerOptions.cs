namespace LessonReview.Core.Processing;

/// <summary>Configuration section <c>Worker</c>.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Run the transcode worker inside this process.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Attempts before a lesson is marked failed (unreadable files fail at once).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a claimed job stays ours without a heartbeat; a crashed worker's job is retried after this.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>How often an idle worker looks for work it was not told about (other processes' uploads, expired leases).</summary>
    public int PollSeconds { get; set; } = 5;
}
