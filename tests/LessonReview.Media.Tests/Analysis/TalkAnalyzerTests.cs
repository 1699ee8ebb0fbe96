using LessonReview.Media.Analysis;
using LessonReview.TestSupport;
using Xunit.Abstractions;

namespace LessonReview.Media.Tests.Analysis;

/// <summary>
/// Talk analytics on a synthesised lesson (issue 14): a teacher asks, students answer after known
/// waits, noise under all. The teacher's share of talk must be within 10 points of the truth and
/// each wait time within half a second.
/// </summary>
public sealed class TalkAnalyzerTests(ITestOutputHelper output)
{
    private static string Model => Path.Combine(Repository.Root, "models", "silero_vad_v5.onnx");

    private static readonly (string Question, string Answer)[] Exchanges =
    [
        ("Good morning everyone. Today we are going to talk about our weekends. What did you do on Saturday?", "I played baseball with my brother."),
        ("That sounds like fun. Who did you play with, and where did you play?", "In the park near my house."),
        ("Great. Now please look at the picture on page twelve. What can you see in the picture?", "I can see a dog."),
        ("Yes, a big brown dog. And what is the dog doing next to the tree?", "It is sleeping."),
        ("Very good. Let's practise the sentence together. Listen carefully and repeat after me.", "I went to the station."),
        ("Excellent pronunciation. Next question. How many brothers and sisters do you have?", "I have two sisters."),
        ("Wonderful. Please work with your partner and ask the same question in English.", "Do you like music?"),
        ("Remember to answer in a full sentence. What kind of music do you like best?", "I like rock music."),
    ];

    private static readonly string[] StudentVoices = ["en-us+f3", "en-us+f2", "en-us+f4", "en-us+f5"];
    private static readonly double[] Waits = [1.2, 2.5, 0.9, 3.1, 1.8, 2.2, 1.5, 2.8];

    [Fact]
    public async Task Teacher_share_is_within_10_points_and_each_wait_within_half_a_second()
    {
        using var folder = new TempFolder();
        var classroom = new SynthesisedClassroom(folder);
        for (var i = 0; i < Exchanges.Length; i++)
        {
            await classroom.SayAsync(Speaker.Teacher, "en-us", Exchanges[i].Question, pauseSeconds: i == 0 ? 2 : 1.6);
            await classroom.SayAsync(Speaker.Student, StudentVoices[i % StudentVoices.Length], Exchanges[i].Answer, Waits[i], gain: 0.6f);
        }
        var clip = await classroom.WriteAsync();
        var truth = classroom.Truth;
        var teacherTruth = truth.Where(s => s.Speaker == Speaker.Teacher).Sum(s => s.Duration);
        var shareTruth = teacherTruth / truth.Sum(s => s.Duration);

        var report = await new TalkAnalyzer(Model, new TalkSettings()).AnalyzeAsync(clip, default);

        output.WriteLine($"teacher share {report.TeacherShare:P1} (truth {shareTruth:P1}); student turns {report.StudentTurns} (truth {Exchanges.Length}); " +
            $"waits {string.Join(", ", report.WaitSeconds.Select(w => w.ToString("F2")))} (truth {string.Join(", ", Waits)}); median {report.MedianWaitSeconds:F2}");
        foreach (var s in report.Segments) output.WriteLine($"  {s.Start,7:F2}–{s.End,7:F2} {s.Speaker}");
        Assert.InRange(report.TeacherShare, shareTruth - 0.10, shareTruth + 0.10);
        Assert.Equal(Exchanges.Length, report.StudentTurns);
        Assert.Equal(Waits.Length, report.WaitSeconds.Count);
        for (var i = 0; i < Waits.Length; i++)
            Assert.True(Math.Abs(report.WaitSeconds[i] - Waits[i]) <= 0.5, $"wait {i + 1}: found {report.WaitSeconds[i]:F2} s, truth {Waits[i]} s");
        var medianTruth = Waits.Order().Skip(3).Take(2).Average();
        Assert.InRange(report.MedianWaitSeconds!.Value, medianTruth - 0.5, medianTruth + 0.5);
        var longestTruth = truth.Where(s => s.Speaker == Speaker.Teacher).Max(s => s.Duration);
        Assert.InRange(report.LongestTeacherTurnSeconds, longestTruth - 1, longestTruth + 1);
        Assert.Equal(Math.Ceiling(report.DurationSeconds / 60), report.Minutes.Count);
        Assert.Equal(report.TeacherSeconds, report.Minutes.Sum(m => m.TeacherSeconds), 3);
    }

    [Fact]
    public async Task A_teacher_talking_alone_is_all_teacher_talk()
    {
        using var folder = new TempFolder();
        var classroom = new SynthesisedClassroom(folder);
        foreach (var (question, _) in Exchanges.Take(5))
            await classroom.SayAsync(Speaker.Teacher, "en-us", question, pauseSeconds: 1.5);
        var clip = await classroom.WriteAsync();

        var report = await new TalkAnalyzer(Model, new TalkSettings()).AnalyzeAsync(clip, default);

        output.WriteLine($"teacher share {report.TeacherShare:P1}; student turns {report.StudentTurns}");
        Assert.True(report.TeacherShare >= 0.9, $"teacher share {report.TeacherShare:P1}");
        Assert.True(report.StudentTurns <= 1, $"{report.StudentTurns} student turns found in a monologue");
    }
}
