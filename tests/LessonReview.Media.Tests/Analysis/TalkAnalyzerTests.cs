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

    [Fact]
    public async Task Teacher_share_is_within_10_points_and_each_wait_within_half_a_second()
    {
        using var folder = new TempFolder();
        var classroom = new SynthesisedClassroom(folder);
        await classroom.SayLessonAsync();
        var clip = await classroom.WriteAsync();
        var truth = classroom.Truth;
        var teacherTruth = truth.Where(s => s.Speaker == Speaker.Teacher).Sum(s => s.Duration);
        var shareTruth = teacherTruth / truth.Sum(s => s.Duration);

        var report = await new TalkAnalyzer(Model, new TalkSettings()).AnalyzeAsync(clip, default);

        output.WriteLine($"teacher share {report.TeacherShare:P1} (truth {shareTruth:P1}); student turns {report.StudentTurns} (truth {SynthesisedClassroom.Exchanges.Length}); " +
            $"waits {string.Join(", ", report.WaitSeconds.Select(w => w.ToString("F2")))} (truth {string.Join(", ", SynthesisedClassroom.Waits)}); median {report.MedianWaitSeconds:F2}");
        foreach (var s in report.Segments) output.WriteLine($"  {s.Start,7:F2}–{s.End,7:F2} {s.Speaker}");
        Assert.InRange(report.TeacherShare, shareTruth - 0.10, shareTruth + 0.10);
        Assert.Equal(SynthesisedClassroom.Exchanges.Length, report.StudentTurns);
        Assert.Equal(SynthesisedClassroom.Waits.Length, report.WaitSeconds.Count);
        for (var i = 0; i < SynthesisedClassroom.Waits.Length; i++)
            Assert.True(Math.Abs(report.WaitSeconds[i] - SynthesisedClassroom.Waits[i]) <= 0.5, $"wait {i + 1}: found {report.WaitSeconds[i]:F2} s, truth {SynthesisedClassroom.Waits[i]} s");
        var medianTruth = SynthesisedClassroom.Waits.Order().Skip(3).Take(2).Average();
        Assert.InRange(report.MedianWaitSeconds!.Value, medianTruth - 0.5, medianTruth + 0.5);
        var longestTruth = truth.Where(s => s.Speaker == Speaker.Teacher).Max(s => s.Duration);
        Assert.InRange(report.LongestTeacherTurnSeconds, longestTruth - 1, longestTruth + 1);
        Assert.Equal(Math.Ceiling(report.DurationSeconds / 60), report.Minutes.Count);
        Assert.Equal(report.TeacherSeconds, report.Minutes.Sum(m => m.TeacherSeconds), 1e-6);
    }

    [Fact]
    public async Task A_teacher_talking_alone_is_all_teacher_talk()
    {
        using var folder = new TempFolder();
        var classroom = new SynthesisedClassroom(folder);
        foreach (var (question, _) in SynthesisedClassroom.Exchanges.Take(5))
            await classroom.SayAsync(Speaker.Teacher, "en-us", question, pauseSeconds: 1.5);
        var clip = await classroom.WriteAsync();

        var report = await new TalkAnalyzer(Model, new TalkSettings()).AnalyzeAsync(clip, default);

        output.WriteLine($"teacher share {report.TeacherShare:P1}; student turns {report.StudentTurns}");
        Assert.True(report.TeacherShare >= 0.9, $"teacher share {report.TeacherShare:P1}");
        Assert.True(report.StudentTurns <= 1, $"{report.StudentTurns} student turns found in a monologue");
    }
}
