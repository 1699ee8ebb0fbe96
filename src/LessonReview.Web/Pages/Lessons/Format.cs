using System.Globalization;
using LessonReview.Web.Lessons;
using LessonReview.Web.Localization;
using Microsoft.Extensions.Localization;

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

    public static string Status(LessonDto lesson, IStringLocalizer<SharedText> text) => lesson.Status switch
    {
        "uploading" => text["Upload unfinished ({0}). Open the upload page and choose the same file to resume.", Percent(lesson.Progress)],
        "processing" when lesson.Playable => text["You can watch it now; the rest is still being prepared… {0}", Percent(lesson.Progress)],
        "processing" => text["Preparing the video… {0}", Percent(lesson.Progress)],
        "ready" => text["Ready to watch"],
        "failed" => text["Could not be processed: {0}", lesson.Error ?? ""],
        _ => lesson.Status,
    };

    /// <summary>Whole percent, rounded down as the page scripts do ("99%" until it is really done).</summary>
    public static string Percent(double fraction) => $"{Math.Floor(fraction * 100).ToString(CultureInfo.InvariantCulture)}%";

    /// <summary>A date as ISO 8601 (2026-11-23), read the same way in English and Japanese.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant on the viewer's clock, ISO-like (2026-11-23 14:05), the same in both languages.</summary>
    public static string DateTime(ViewerTime time, System.DateTime utc) => time.Local(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
