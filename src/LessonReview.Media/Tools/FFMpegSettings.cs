namespace LessonReview.Media.Tools;

/// <summary>
/// How ffmpeg and ffprobe may run here: what FFMpegCore's own <c>FFOptions</c> has no place for
/// (priority, a thread budget, time limits, the grace period of a cancellation).
/// </summary>
public sealed record FFMpegSettings
{
    /// <summary>Folder holding ffmpeg and ffprobe; empty means "find them on PATH".</summary>
    public string BinaryFolder { get; init; } = "";

    /// <summary>Threads per ffmpeg job (decoder, filters and encoder); 0 lets ffmpeg choose.</summary>
    public int Threads { get; init; }

    /// <summary>Niceness for ffmpeg so the web server stays responsive while a lesson encodes; 0 runs it as is.</summary>
    public int NiceLevel { get; init; } = 10;

    /// <summary>How long ffprobe may take before it is stopped.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long ffmpeg gets to finish after FFMpegCore's <c>q</c> before it is killed.</summary>
    public TimeSpan CancelGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Address-space ceiling for each ffmpeg and ffprobe process, in MiB (ulimit -v in the wrapper); 0 for none.</summary>
    public int MemoryLimitMiB { get; init; }
}
