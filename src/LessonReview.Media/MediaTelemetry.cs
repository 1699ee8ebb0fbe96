using System.Diagnostics;

namespace LessonReview.Media;

/// <summary>A span per ffprobe and ffmpeg run (the hosts export it when telemetry is configured).</summary>
public static class MediaTelemetry
{
    public const string Name = "LessonReview.Media";
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Marks <paramref name="activity"/> failed with the reason, when there is one.</summary>
    internal static void Fail(Activity? activity, Exception error) => activity?.SetStatus(ActivityStatusCode.Error, error.Message);
}
