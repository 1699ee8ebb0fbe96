using System.Diagnostics;
using System.Globalization;
using LessonReview.Media.Processing;

namespace LessonReview.Media.Playback;

/// <summary>
/// The storyboard of a lesson still encoding: every <see cref="Interval"/> the thumbnails the
/// encode's decode has written so far are tiled (only the sheets they changed) and published with a
/// VTT that covers them, so scrubbing previews follow the encode instead of waiting for its end.
/// The end of the pipeline tiles the whole storyboard once more, as before.
/// </summary>
internal sealed class GrowingStoryboard(FFMpegRunner ffmpeg, string thumbs, Storyboard layout, TimeSpan duration, string folder, IPlaybackSink sink)
{
    /// <summary>A tiling run costs about a tenth of a second of one core; this keeps it under 1% of an encode.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly string _staging = Path.Combine(folder, ".storyboard");
    private int _published;
    private long _lastRun;

    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        if (_lastRun != 0 && Stopwatch.GetElapsedTime(_lastRun) < Interval) return;
        // The newest thumbnail may still be being written (image2 writes in place).
        var count = Directory.Exists(thumbs) ? Directory.GetFiles(thumbs, "*.jpg").Length - 1 : 0;
        if (count <= _published) return;
        _lastRun = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(_staging);
        var lastSheet = (count - 1) / layout.PerSheet;
        for (var sheet = _published / layout.PerSheet; sheet <= lastSheet; sheet++)
        {
            var first = sheet * layout.PerSheet;
            var name = Storyboard.SheetName(sheet + 1);
            var path = Path.Combine(_staging, name);
            var tile = StoryboardWriter.TileJob(thumbs, layout, path,
                ["-start_number", Invariant(first + 1), "-t", Invariant(Math.Min(layout.PerSheet, count - first))], ["-frames:v", "1", "-update", "1"]);
            await ffmpeg.RunAsync(tile, TimeSpan.Zero, null, TimeSpan.FromMinutes(1), cancellationToken);
            await sink.PublishAsync(name, path, "image/jpeg", cancellationToken);
        }
        var vtt = Path.Combine(_staging, PlaybackPipeline.StoryboardVttFileName);
        await StoryboardWriter.WriteVttAsync(layout, count, duration, vtt, cancellationToken);
        await sink.PublishAsync(PlaybackPipeline.StoryboardVttFileName, vtt, "text/vtt", cancellationToken);
        _published = count;
        await sink.StoryboardAsync(lastSheet + 1, cancellationToken);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
