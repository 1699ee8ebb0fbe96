using LessonReview.Media;
using LessonReview.Media.Playback;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;
using LessonReview.Media.Tools;
using LessonReview.TestSupport;

namespace LessonReview.Bench;

/// <summary>
/// A 60-second 1080p lesson through the whole pipeline (probe, encode, probe, poster, storyboard)
/// against one plain ffmpeg command with the same output settings; and the remux fast path
/// against the full encode of a clip of the same length and size.
/// </summary>
internal static class PipelineBenchmark
{
    public static async Task RunAsync(int runs, int seconds)
    {
        Console.WriteLine($"== pipeline: {seconds} s 1080p30 clips, median of {runs}");
        var encodeSource = await TestClips.Hd1080Async(seconds, h264: false);
        var remuxSource = await TestClips.Hd1080Async(seconds, h264: true);
        var options = new FFMpegSettings();
        var probe = new MediaProbe(options);
        var pipeline = new PlaybackPipeline(probe, new FFMpegRunner(options), new PlaybackSettings());
        using var work = new TempFolder();

        // Baseline: the same renditions (720p and the 360p rung), one ffmpeg, no nice, no poster or storyboard.
        var plan = PlaybackPlan.For(await probe.AnalyseAsync(encodeSource, InputPolicy.LocalFile), new PlaybackSettings());
        Directory.CreateDirectory(work.File("plain"));
        var renditions = HlsCommand.For(plan, encodeSource, InputPolicy.LocalFile, work.File("plain"), new PlaybackSettings());
        var plain = await Measure.MedianSecondsAsync(runs, () => Measure.RunAsync("ffmpeg",
            ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", encodeSource, .. renditions.OutputOptions, renditions.Output]));

        var full = await Measure.MedianSecondsAsync(runs, () => pipeline.RunAsync(encodeSource, InputPolicy.LocalFile, work.File("full"), null));
        Measure.Report("full pipeline / plain ffmpeg encode", full, plain, "<= 1.15", full / plain <= 1.15);

        var fast = await Measure.MedianSecondsAsync(runs, () => pipeline.RunAsync(remuxSource, InputPolicy.LocalFile, work.File("fast"), null));
        Measure.Report("fast-path pipeline / full pipeline", fast, full, "<= 0.10", fast / full <= 0.10);
    }
}
