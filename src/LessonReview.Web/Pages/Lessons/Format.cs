using System.Globalization;
using LessonReview.Web.Lessons;

namespace LessonReview.Web.Pages.Lessons;

/// <summary>How pages write times and states (m:ss or h:mm:ss, as JOURNEYS.md asks).</summary>
public static class Format
{
    public static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1
            ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : $"{(int)t.TotalMinutes}:{t.Seconds:00}";
    }

    public static string Status(LessonDto lesson) => lesson.Status switch
    {
        "uploading" => $"Upload unfinished ({lesson.Progress:P0}). Open the upload page and choose the same file to resume.",
        "processing" => $"Preparing the video… {lesson.Progress:P0}",
        "ready" => "Ready to watch",
        "failed" => $"Could not be processed: {lesson.Error}",
        _ => lesson.Status,
    };
}
