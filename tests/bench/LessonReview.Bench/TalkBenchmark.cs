using System.Diagnostics;
using LessonReview.Media;
using LessonReview.Media.Analysis;
using LessonReview.Media.Playback;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;
using LessonReview.Media.Tools;
using LessonReview.TestSupport;

namespace LessonReview.Bench;

/// <summary>
/// Talk analysis (issue 14) against the encode it follows: a lesson of synthesised classroom talk
/// (the tests' eight exchanges, looped) with a 1080p MPEG-4 picture, made playable by the real
/// pipeline (full encode) and analysed by the real analyzer, medians of N; both grow with the
/// lesson's length, so the ratio holds for 45 minutes. Then a 45-minute lesson is analysed once for
/// its time and the memory the analysis adds to this process (peak resident growth, sampled).
/// </summary>
internal static class TalkBenchmark
{
    public static async Task RunAsync(int runs, int minutes, int longMinutes)
    {
        Console.WriteLine($"== talk analysis: {minutes}-minute 1080p lesson, median of {runs}; then one {longMinutes}-minute lesson");
        var model = Path.Combine(AppContext.BaseDirectory, "models", "silero_vad_v5.onnx");
        using var work = new TempFolder();
        var speech = await LoopedClassroomAsync(work, minutes * 60);
        var source = work.File("lesson-1080.mkv");
        await TestClips.FFmpegAsync($"-f lavfi -i testsrc2=size=1920x1080:rate=30:duration={minutes * 60} -i {speech} -c:v mpeg4 -q:v 4 -c:a libopus -shortest {source}");

        var options = new FFMpegSettings();
        var pipeline = new PlaybackPipeline(new MediaProbe(options), new FFMpegRunner(options), new PlaybackSettings());
        var encode = await Measure.MedianSecondsAsync(runs, () => pipeline.RunAsync(source, InputPolicy.LocalFile, work.File("out"), null));
        var analyzer = new TalkAnalyzer(model, new TalkSettings(), FFMpegBinaries.Ffmpeg(options));
        TalkReport? report = null;
        var analysis = await Measure.MedianSecondsAsync(runs, async () => report = await analyzer.AnalyzeAsync(source, default));
        Measure.Report("talk analysis / its lesson's encode", analysis, encode, "<= 0.10", analysis / encode <= 0.10);
        Console.WriteLine($"  ({report!.SpeechSeconds:0} s of speech in {report.DurationSeconds:0} s, teacher {report.TeacherShare:P0}, {report.StudentTurns} student turns)");

        // The long lesson: the same talk for 45 minutes under a small picture (the analysis reads only the sound).
        var longSpeech = await LoopedClassroomAsync(work, longMinutes * 60);
        var longLesson = work.File("lesson-long.mp4");
        await TestClips.FFmpegAsync($"-f lavfi -i testsrc2=size=320x180:rate=5:duration={longMinutes * 60} -i {longSpeech} -c:v libx264 -preset ultrafast -c:a aac -shortest {longLesson}");
        GC.Collect();
        await using var memory = new MemorySampler(() => AppProcess.ResidentBytesOf(Environment.ProcessId));
        var stopwatch = Stopwatch.StartNew();
        var longReport = await analyzer.AnalyzeAsync(longLesson, default);
        var longSeconds = stopwatch.Elapsed.TotalSeconds;
        var growthMb = await memory.StopAsync() / (1024.0 * 1024);
        Console.WriteLine($"{$"talk analysis of {longMinutes} minutes",-44} {longSeconds,9:0.0} s  ({longSeconds / (longMinutes * 60) * 100:0.0}% of the lesson's length; " +
                          $"the {minutes}-minute encode scaled ×{longMinutes / (double)minutes:0}: ratio {longSeconds / (encode * longMinutes / minutes):0.000})");
        Console.WriteLine($"{"  memory the analysis added (peak resident)",-44} {growthMb,9:0.0} MB (from {memory.Before / (1024.0 * 1024):0} MB); " +
                          $"{longReport.Segments.Count} segments, {longReport.SpeechSeconds:0} s of speech");
    }

    /// <summary>The tests' synthesised classroom (77 s), repeated to <paramref name="seconds"/>, as a WAV file.</summary>
    private static async Task<string> LoopedClassroomAsync(TempFolder work, int seconds)
    {
        var once = work.File("classroom-once.wav");
        if (!File.Exists(once))
        {
            using var lines = new TempFolder();
            var classroom = new SynthesisedClassroom(lines);
            await classroom.SayLessonAsync();
            File.Copy(await classroom.WriteAsync(), once);
        }
        var looped = work.File($"classroom-{seconds}.wav");
        await TestClips.FFmpegAsync($"-stream_loop -1 -i {once} -t {seconds} -c:a pcm_s16le {looped}");
        return looped;
    }
}
