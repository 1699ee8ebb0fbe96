using System.Globalization;
using System.Text;

namespace LessonReview.Media.Playback;

/// <summary>
/// Layout of the scrubbing thumbnails: one every <see cref="IntervalSeconds"/>, tiled into sprite
/// sheets of <see cref="Columns"/>×<see cref="Rows"/>, described by a WebVTT thumbnails track.
/// </summary>
public sealed record Storyboard(int IntervalSeconds, int ThumbWidth, int ThumbHeight, int Columns = 10, int Rows = 10)
{
    /// <summary>Videos shorter than this get no storyboard (nothing to scrub).</summary>
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(3);

    public int PerSheet => Columns * Rows;

    /// <summary>About 150 thumbnails per lesson, on an even number of seconds (keyframes fall every 2 s).</summary>
    public static Storyboard For(TimeSpan duration, int videoWidth, int videoHeight, int thumbWidth)
    {
        var interval = (int)Math.Ceiling(duration.TotalSeconds / 150 / 2) * 2;
        var thumbHeight = Math.Max(2, (int)Math.Round(thumbWidth * (double)videoHeight / videoWidth / 2) * 2);
        return new Storyboard(Math.Clamp(interval, 2, 30), thumbWidth, thumbHeight);
    }

    public static string SheetName(int sheet) => $"storyboard-{sheet}.jpg";

    /// <summary>The WebVTT thumbnails track for <paramref name="thumbCount"/> thumbnails.</summary>
    public string ToWebVtt(int thumbCount, TimeSpan duration)
    {
        var vtt = new StringBuilder("WEBVTT\n\n");
        for (var i = 0; i < thumbCount; i++)
        {
            var start = TimeSpan.FromSeconds(i * IntervalSeconds);
            if (start >= duration) break;
            var end = TimeSpan.FromSeconds(Math.Min((i + 1) * IntervalSeconds, duration.TotalSeconds));
            var (sheet, cell) = (i / PerSheet + 1, i % PerSheet);
            var (x, y) = (cell % Columns * ThumbWidth, cell / Columns * ThumbHeight);
            vtt.Append(CultureInfo.InvariantCulture,
                $"{Cue(start)} --> {Cue(end)}\n{SheetName(sheet)}#xywh={x},{y},{ThumbWidth},{ThumbHeight}\n\n");
        }
        return vtt.ToString();
    }

    private static string Cue(TimeSpan t) => t.ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}
