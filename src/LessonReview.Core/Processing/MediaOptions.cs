namespace LessonReview.Core.Processing;

/// <summary>Configuration section <c>Media</c>.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Cap on the short side of encoded video (720 = 720p).</summary>
    public int MaxHeight { get; set; } = 720;

    /// <summary>Short side of the low-bandwidth HLS rung added to encoded lessons (360 = 360p); 0 for none.</summary>
    public int LowRungHeight { get; set; } = 360;

    /// <summary>
    /// Encoded lessons at least twice this many seconds long are encoded in parts of this length that
    /// any worker takes (a multiple of 4; 0: never). Every worker must share the Media settings.
    /// </summary>
    public int ChunkSeconds { get; set; } = 300;

    /// <summary>ffmpeg threads per job; 0 lets ffmpeg choose.</summary>
    public int Threads { get; set; }

    /// <summary>Folder with ffmpeg and ffprobe; empty finds them on PATH.</summary>
    public string BinaryFolder { get; set; } = "";

    /// <summary>H.264/AAC sources up to this short side are remuxed as they are; larger ones are encoded to MaxHeight.</summary>
    public int FastPathMaxHeight { get; set; } = 1080;

    /// <summary>Largest picture accepted, pixels per frame (4096×4096 by default: 4K either way up).</summary>
    public long MaxPixels { get; set; } = 4096L * 4096;

    /// <summary>Longest lesson accepted, in minutes.</summary>
    public int MaxDurationMinutes { get; set; } = 240;

    /// <summary>Fewest bits per second a recording over two minutes may average (below: broken timestamps).</summary>
    public long MinBitsPerSecond { get; set; } = 16_000;

    /// <summary>Address-space ceiling per ffmpeg/ffprobe process in MiB; 0 for none.</summary>
    public int MemoryLimitMiB { get; set; } = 4096;

    /// <summary>The video step may take 5 minutes plus this many times the lesson's length.</summary>
    public double TimeBudgetFactor { get; set; } = 4;
}
