namespace LessonReview.Media;

/// <summary>ffmpeg or ffprobe failed; <see cref="ErrorOutput"/> holds the tail of what it printed.</summary>
public sealed class MediaException(string message, string errorOutput = "", int exitCode = -1) : Exception(message)
{
    public string ErrorOutput { get; } = errorOutput;
    public int ExitCode { get; } = exitCode;
}
