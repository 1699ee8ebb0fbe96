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
        var classroom = new SynthesisedClassroom(folder);
        await classroom.SayAsync(Speaker.Teacher, "en-us", "Good morning everyone. Please open your textbooks to page twelve, and look at the picture.", pauseSeconds: 2);
        await classroom.SayAsync(Speaker.Student, "en-us+f3", "I like baseball and soccer.", pauseSeconds: 1.5);
        var clip = await classroom.WriteAsync(tailSeconds: 2);
        var truth = classroom.Truth.Select(s => new SpeechSegment(s.Start, s.End)).ToArray();

        var vad = new VoiceActivity(Model);
        var probabilities = await vad.ProbabilitiesAsync(clip, default);
        var found = VoiceActivity.Segments(probabilities, new TalkSettings());

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

    private static double Covered(SpeechSegment turn, IEnumerable<SpeechSegment> found) =>
        found.Sum(s => Math.Max(0, Math.Min(s.End, turn.End) - Math.Max(s.Start, turn.Start)));
}
