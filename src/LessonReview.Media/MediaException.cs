namespace LessonReview.Media;

/// <summary>ffmpeg or ffprobe failed; <see cref="ErrorOutput"/> holds the tail of what it printed.</summary>
public sealed class MediaException(string message, string errorOutput = "", int exitCode = -1, bool timedOut = false) : Exception(message)
{
    public string ErrorOutput { get; } = errorOutput;
    public int ExitCode { get; } = exitCode;

    /// <summary>The run was stopped because it passed its time limit.</summary>
    public bool TimedOut { get; } = timedOut;
}
