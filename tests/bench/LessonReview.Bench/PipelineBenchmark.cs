using LessonReview.Media;
using LessonReview.Media.Playback;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;
using LessonReview.Media.Tools;
using LessonReview.TestSupport;

namespace LessonReview.Bench;

/// <summary>
/// A 60-second 1080p lesson through the whole pipeline (probe, one decode into 720p + 360p HLS,
/// poster and storyboard thumbnails, tiles) against one plain ffmpeg command writing the same two
/// renditions; the cost of the 360p rung (the same command with 720p only); and the fast path
/// against the full pipeline for a clip of the same length and size.
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
        var mainOnlySettings = new PlaybackSettings { LowRungHeight = 0 };
        var mainOnly = HlsCommand.For(PlaybackPlan.For(await probe.AnalyseAsync(encodeSource, InputPolicy.LocalFile), mainOnlySettings),
            encodeSource, InputPolicy.LocalFile, work.File("plain"), mainOnlySettings);

        // Interleaved (plain, 720p only, pipeline; again…) so a slow minute on this shared machine hits all three alike.
        var (plains, plainMains, fulls) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < runs; i++)
        {
            plains.Add(await Measure.MedianSecondsAsync(1, () => Measure.RunAsync("ffmpeg",
                ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", encodeSource, .. renditions.OutputOptions, renditions.Output])));
            plainMains.Add(await Measure.MedianSecondsAsync(1, () => Measure.RunAsync("ffmpeg",
                ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", encodeSource, .. mainOnly.OutputOptions, mainOnly.Output])));
            fulls.Add(await Measure.MedianSecondsAsync(1, () => pipeline.RunAsync(encodeSource, InputPolicy.LocalFile, work.File($"full-{i}"), null)));
            Console.WriteLine($"   run {i + 1}: plain {plains[^1]:0.00} s, 720p only {plainMains[^1]:0.00} s, pipeline {fulls[^1]:0.00} s");
        }
        var (plain, plainMain, full) = (Measure.Median(plains), Measure.Median(plainMains), Measure.Median(fulls));
        Measure.Report("full pipeline / plain ffmpeg, same renditions", full, plain, "<= 1.05", full / plain <= 1.05);
        Measure.Report("plain 720p + 360p / plain 720p (the rung)", plain, plainMain, "", true);

        var fast = await Measure.MedianSecondsAsync(runs, () => pipeline.RunAsync(remuxSource, InputPolicy.LocalFile, work.File("fast"), null));
        Measure.Report("fast-path pipeline / full pipeline", fast, full, "<= 0.10", fast / full <= 0.10);
    }
}
