using LessonReview.Media.Processing;

namespace LessonReview.Media.Playback;

/// <summary>
/// Writes storyboard sprites and their VTT from numbered thumbnails: made by the encode's own decode
/// on the full path (<see cref="TileAsync"/>), or from the source's keyframes on the fast path
/// (<see cref="WriteAsync"/>: `-skip_frame nokey` measured 5.4× faster than decoding every frame).
/// </summary>
internal static class StoryboardWriter
{
    private static readonly InputPolicy OwnThumbnails = new("file", "image2");

    public static async Task<IReadOnlyList<string>> WriteAsync(
        FFMpegRunner ffmpeg, string video, InputPolicy policy, TimeSpan duration, Storyboard layout,
        string outputFolder, CancellationToken cancellationToken)
    {
        var thumbs = Path.Combine(outputFolder, "thumbs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(thumbs);
        try
        {
            var expected = (int)(duration.TotalSeconds / layout.IntervalSeconds);
            var count = await ExtractAsync(ffmpeg, video, policy, layout, thumbs, keyframesOnly: true, cancellationToken);
            if (count < expected * 0.8)
            {
                // Sources keep their own keyframes; a screen recording may have one per minute.
                foreach (var file in Directory.GetFiles(thumbs)) File.Delete(file);
                await ExtractAsync(ffmpeg, video, policy, layout, thumbs, keyframesOnly: false, cancellationToken);
            }
            return await TileAsync(ffmpeg, thumbs, duration, layout, outputFolder, cancellationToken);
        }
        finally
        {
            Directory.Delete(thumbs, recursive: true);
        }
    }

    /// <summary>Two steps so the VTT knows exactly how many thumbnails exist: the thumbnails are there, now the tiles.</summary>
    public static async Task<IReadOnlyList<string>> TileAsync(
        FFMpegRunner ffmpeg, string thumbs, TimeSpan duration, Storyboard layout, string outputFolder, CancellationToken cancellationToken)
    {
        var count = Directory.GetFiles(thumbs, "*.jpg").Length;
        if (count == 0) return [];
        await ffmpeg.RunAsync(TileJob(thumbs, layout, Path.Combine(outputFolder, "storyboard-%d.jpg"), [], []),
            TimeSpan.Zero, null, TimeSpan.FromMinutes(10), cancellationToken);

        var sheets = Enumerable.Range(1, (count + layout.PerSheet - 1) / layout.PerSheet).Select(Storyboard.SheetName).ToList();
        await WriteVttAsync(layout, count, duration, Path.Combine(outputFolder, PlaybackPipeline.StoryboardVttFileName), cancellationToken);
        return sheets;
    }

    /// <summary>
    /// Tiles the numbered thumbnails into sprite sheets (one ffmpeg run; <paramref name="range"/> picks
    /// some of them, <paramref name="outputOptions"/> add to the sheet's own): the finished storyboard
    /// and the one that grows while a lesson encodes (<see cref="GrowingStoryboard"/>) look the same.
    /// </summary>
    internal static FFMpegJob TileJob(string thumbs, Storyboard layout, string output, string[] range, string[] outputOptions) =>
        FFMpegJob.From(Path.Combine(thumbs, "%05d.jpg"), OwnThumbnails, ["-framerate", "1", .. range])
            .To(output, ["-vf", $"tile={layout.Columns}x{layout.Rows}", "-q:v", "5", .. outputOptions]);

    /// <summary>The VTT track for the first <paramref name="count"/> thumbnails.</summary>
    internal static Task WriteVttAsync(Storyboard layout, int count, TimeSpan duration, string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, layout.ToWebVtt(count, duration), cancellationToken);

    private static async Task<int> ExtractAsync(
        FFMpegRunner ffmpeg, string video, InputPolicy policy, Storyboard layout, string thumbs, bool keyframesOnly, CancellationToken cancellationToken)
    {
        var extract = FFMpegJob.From(video, policy, keyframesOnly ? ["-skip_frame", "nokey"] : [])
            .To(Path.Combine(thumbs, "%05d.jpg"),
                "-vf", $"fps=1/{layout.IntervalSeconds},scale={layout.ThumbWidth}:{layout.ThumbHeight}",
                "-q:v", "5", "-an");
        await ffmpeg.RunAsync(extract, TimeSpan.Zero, null, TimeSpan.FromMinutes(30), cancellationToken);
        return Directory.GetFiles(thumbs, "*.jpg").Length;
    }
}
