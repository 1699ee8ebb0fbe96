namespace LessonReview.Core.Processing;

/// <summary>Configuration section <c>Media</c>.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Cap on the short side of encoded video (720 = 720p).</summary>
    public int MaxHeight { get; set; } = 720;

    /// <summary>ffmpeg threads per job; 0 lets ffmpeg choose.</summary>
    public int Threads { get; set; }

    /// <summary>Folder with ffmpeg and ffprobe; empty finds them on PATH.</summary>
    public string BinaryFolder { get; set; } = "";
}
