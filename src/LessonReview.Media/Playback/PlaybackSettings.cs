namespace LessonReview.Media.Playback;

/// <summary>How lessons are made playable.</summary>
public sealed record PlaybackSettings
{
    /// <summary>Cap on the short side of the picture (720 = 720p, also for portrait video).</summary>
    public int MaxHeight { get; init; } = 720;

    /// <summary>Seconds between forced keyframes: seeking lands within this distance.</summary>
    public int KeyframeSeconds { get; init; } = 2;

    /// <summary>Width of one storyboard thumbnail in pixels.</summary>
    public int ThumbnailWidth { get; init; } = 160;

    /// <summary>Upper bound on any single ffmpeg run (a 4 GB lesson on a slow machine).</summary>
    public TimeSpan EncodeTimeout { get; init; } = TimeSpan.FromHours(4);
}
