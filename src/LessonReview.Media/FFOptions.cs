namespace LessonReview.Media;

/// <summary>Where the ffmpeg binaries are and how they may run (mirrors FFMpegCore's FFOptions).</summary>
public sealed record FFOptions
{
    /// <summary>Folder holding ffmpeg and ffprobe; empty means "find them on PATH".</summary>
    public string BinaryFolder { get; init; } = "";

    /// <summary>Threads per ffmpeg job; 0 lets ffmpeg choose.</summary>
    public int Threads { get; init; }

    /// <summary>Niceness for ffmpeg so the web server stays responsive while a lesson encodes.</summary>
    public int NiceLevel { get; init; } = 10;

    /// <summary>How long ffprobe may take before it is killed.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long ffmpeg gets to exit after SIGINT before it is killed.</summary>
    public TimeSpan CancelGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    internal string FFMpegPath => Binary("ffmpeg");
    internal string FFProbePath => Binary("ffprobe");

    private string Binary(string name) => BinaryFolder.Length == 0 ? name : Path.Combine(BinaryFolder, name);
}
