using System.Diagnostics;
using System.Globalization;
using LessonReview.Media.Analysis;
using LessonReview.TestSupport;
using Xunit.Abstractions;

namespace LessonReview.Media.Tests.Analysis;

/// <summary>
/// Speech found in a synthesised classroom clip (issue 14, first step): espeak-ng voices for a
/// teacher and a student, trimmed so their timings are exact, silences between, pink noise under
/// everything; Silero VAD through ONNX Runtime must agree with the truth on at least 90% of frames.
/// </summary>
public sealed class VoiceActivityTests(ITestOutputHelper output)
{
    private static string Model => Path.Combine(Repository.Root, "models", "silero_vad_v5.onnx");

    [Fact]
    public async Task Speech_and_silence_agree_with_the_known_timings_on_at_least_90_percent_of_frames()
    {
        using var folder = new TempFolder();
        var teacher = await SpeechAsync(folder, "teacher", "en-us", "Good morning everyone. Please open your textbooks to page twelve, and look at the picture.");
        var student = await SpeechAsync(folder, "student", "en-us+f3", "I like baseball and soccer.");
        var (silence1, silence2, tail) = (2.0, 1.5, 2.0);
        var clip = folder.File("lesson.wav");
        await FfmpegAsync("-f", "lavfi", "-i", $"anullsrc=r=16000:cl=mono:d={N(silence1)}", "-i", teacher.Path, "-f", "lavfi", "-i", $"anullsrc=r=16000:cl=mono:d={N(silence2)}",
            "-i", student.Path, "-f", "lavfi", "-i", $"anullsrc=r=16000:cl=mono:d={N(tail)}",
            "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.02:sample_rate=16000:d=60",
            "-filter_complex", "[0][1][2][3][4]concat=n=5:v=0:a=1[speech];[speech][5]amix=inputs=2:duration=first:normalize=0[out]",
            "-map", "[out]", "-ar", "16000", "-ac", "1", clip);
        var truth = new[]
        {
            new SpeechSegment(silence1, silence1 + teacher.Seconds),
            new SpeechSegment(silence1 + teacher.Seconds + silence2, silence1 + teacher.Seconds + silence2 + student.Seconds),
        };

        var vad = new VoiceActivity(Model);
        var probabilities = await vad.ProbabilitiesAsync(clip, default);
        var found = vad.Segments(probabilities);

        var frame = SileroVad.FrameSeconds;
        var agree = Enumerable.Range(0, probabilities.Count).Count(i =>
        {
            var centre = (i + 0.5) * frame;
            return truth.Any(s => s.Start <= centre && centre < s.End) == found.Any(s => s.Start <= centre && centre < s.End);
        });
        var agreement = (double)agree / probabilities.Count;
        output.WriteLine($"frame agreement {agreement:P1} over {probabilities.Count} frames; found {string.Join(", ", found)}");
        Assert.True(agreement >= 0.90, $"frame agreement {agreement:P1}; truth {string.Join(", ", truth)}; found {string.Join(", ", found)}");
        // Each turn is found (the teacher's may be split at a sentence pause), and nothing is found in the silences.
        foreach (var turn in truth)
            Assert.True(Covered(turn, found) >= 0.8 * turn.Duration, $"turn {turn} covered {Covered(turn, found):F2} s by {string.Join(", ", found)}");
        Assert.All(found, s => Assert.True(truth.Any(t => s.Start < t.End && t.Start < s.End), $"speech found in a silence: {s}"));
    }

    [Fact]
    public void A_missing_model_is_said_in_words()
    {
        var missing = Assert.Throws<VoiceActivityModelException>(() => new SileroVad("/nonexistent/silero.onnx"));
        Assert.Contains("missing", missing.Message);
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("broken.onnx"), "not a model");
        var broken = Assert.Throws<VoiceActivityModelException>(() => new SileroVad(folder.File("broken.onnx")));
        Assert.Contains("could not be loaded", broken.Message);
    }

    /// <summary>A voice saying <paramref name="text"/>, trimmed of leading and trailing silence, at 16 kHz; its exact length.</summary>
    private static async Task<(string Path, double Seconds)> SpeechAsync(TempFolder folder, string name, string voice, string text)
    {
        var raw = folder.File($"{name}-raw.wav");
        using (var espeak = Process.Start(new ProcessStartInfo("espeak-ng") { ArgumentList = { "-v", voice, "-w", raw, text }, RedirectStandardError = true })!)
        {
            await espeak.WaitForExitAsync();
            Assert.True(espeak.ExitCode == 0, "espeak-ng failed: run scripts/setup.sh (it installs espeak-ng)");
        }
        var trimmed = folder.File($"{name}.wav");
        await FfmpegAsync("-i", raw, "-af", "silenceremove=start_periods=1:start_threshold=-45dB,areverse,silenceremove=start_periods=1:start_threshold=-45dB,areverse",
            "-ar", "16000", "-ac", "1", trimmed);
        return (trimmed, (new FileInfo(trimmed).Length - 44) / 2.0 / 16000); // 16-bit mono PCM after a 44-byte header
    }

    private static async Task FfmpegAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-y" }.Concat(arguments)) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ffmpeg: {errors}");
    }

    private static double Covered(SpeechSegment turn, IEnumerable<SpeechSegment> found) =>
        found.Sum(s => Math.Max(0, Math.Min(s.End, turn.End) - Math.Max(s.Start, turn.Start)));

    private static string N(double seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
