namespace LessonReview.Media.Playback;

/// <summary>How lessons are made playable.</summary>
public sealed record PlaybackSettings
{
    /// <summary>Cap on the short side of the picture (720 = 720p, also for portrait video).</summary>
    public int MaxHeight { get; init; } = 720;

    /// <summary>Seconds between forced keyframes: seeking lands within this distance.</summary>
    public int KeyframeSeconds { get; init; } = 2;

    /// <summary>
    /// Target length of an HLS segment in seconds (a multiple of <see cref="KeyframeSeconds"/>): the
    /// lesson becomes playable once the first one is written, and the player fetches this much at a time.
    /// </summary>
    public int SegmentSeconds { get; init; } = 4;

    /// <summary>
    /// Encoded lessons at least twice this long (seconds; a multiple of <see cref="SegmentSeconds"/>)
    /// are encoded in parts of this length that any worker may take (<see cref="LessonChunk"/>); 0: never.
    /// </summary>
    public int ChunkSeconds { get; init; } = 300;

    /// <summary>Short side of the low-bandwidth rung added to encoded lessons (360 = 360p); 0 for none.</summary>
    public int LowRungHeight { get; init; } = 360;

    /// <summary>Width of one storyboard thumbnail in pixels.</summary>
    public int ThumbnailWidth { get; init; } = 160;

    /// <summary>Sources whose short side is at most this are remuxed as they are when already H.264/AAC; larger ones are encoded down to <see cref="MaxHeight"/>.</summary>
    public int FastPathMaxHeight { get; init; } = 1080;

    /// <summary>Largest picture accepted, in pixels per frame (a "decompression bomb" declares a huge one).</summary>
    public long MaxPixels { get; init; } = 4096L * 4096;

    /// <summary>Longest lesson accepted.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(4);

    /// <summary>
    /// A recording longer than a few minutes whose file averages fewer bits per second than this has
    /// broken timestamps (a tiny file claiming hours), not a real lesson.
    /// </summary>
    public long MinBitsPerSecond { get; init; } = 16_000;

    /// <summary>The time a job may take: <see cref="TimeBudgetBase"/> plus this many times the lesson's length.</summary>
    public double TimeBudgetFactor { get; init; } = 4;

    public TimeSpan TimeBudgetBase { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The wall-clock limit of the video step for a lesson of <paramref name="duration"/>.</summary>
    public TimeSpan TimeBudget(TimeSpan duration) => TimeBudgetBase + duration * TimeBudgetFactor;
}
