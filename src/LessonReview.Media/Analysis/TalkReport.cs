namespace LessonReview.Media.Analysis;

/// <summary>Who talked how much in one lesson (all times in seconds).</summary>
public sealed record TalkReport(
    double DurationSeconds,
    double SpeechSeconds,
    double SilenceSeconds,
    double TeacherSeconds,
    double StudentSeconds,
    /// <summary>Teacher's part of all speech, 0–1 (0 when nobody spoke).</summary>
    double TeacherShare,
    int StudentTurns,
    double LongestTeacherTurnSeconds,
    /// <summary>Median pause between a teacher turn and the student turn right after it; null when there was none.</summary>
    double? MedianWaitSeconds,
    IReadOnlyList<double> WaitSeconds,
    IReadOnlyList<SpeakerSegment> Segments,
    /// <summary>Seconds of teacher and student speech in each minute of the lesson.</summary>
    IReadOnlyList<MinuteOfTalk> Minutes)
{
    /// <summary>Measures labelled speech; turns join the same voice's segments less than TurnGapSeconds apart.</summary>
    public static TalkReport From(IReadOnlyList<SpeakerSegment> segments, double durationSeconds, TalkSettings settings)
    {
        var turns = Turns.Join(segments.Select(s => (s.Speaker, s.Start, s.End)), settings.TurnGapSeconds)
            .Select(t => new SpeakerSegment(t.Start, t.End, t.Who)).ToList();
        var waits = new List<double>();
        for (var i = 1; i < turns.Count; i++)
        {
            var pause = turns[i].Start - turns[i - 1].End;
            if (turns[i - 1].Speaker == Speaker.Teacher && turns[i].Speaker == Speaker.Student && pause <= settings.MaxWaitSeconds)
                waits.Add(Math.Max(0, pause));
        }
        var teacher = segments.Where(s => s.Speaker == Speaker.Teacher).Sum(s => s.Duration);
        var student = segments.Where(s => s.Speaker == Speaker.Student).Sum(s => s.Duration);
        var speech = teacher + student;
        return new TalkReport(
            durationSeconds, speech, Math.Max(0, durationSeconds - speech), teacher, student,
            speech > 0 ? teacher / speech : 0,
            turns.Count(t => t.Speaker == Speaker.Student),
            turns.Where(t => t.Speaker == Speaker.Teacher).Select(t => t.Duration).DefaultIfEmpty(0).Max(),
            Median(waits), waits, segments, PerMinute(segments, durationSeconds));
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static List<MinuteOfTalk> PerMinute(IReadOnlyList<SpeakerSegment> segments, double durationSeconds)
    {
        var minutes = Enumerable.Range(0, (int)Math.Ceiling(durationSeconds / 60)).Select(_ => new double[2]).ToArray();
        foreach (var segment in segments)
            for (var m = (int)(segment.Start / 60); m < minutes.Length && m * 60 < segment.End; m++)
                minutes[m][(int)segment.Speaker] += Math.Min(segment.End, (m + 1) * 60) - Math.Max(segment.Start, m * 60);
        return minutes.Select(m => new MinuteOfTalk(m[(int)Speaker.Teacher], m[(int)Speaker.Student])).ToList();
    }
}

public readonly record struct MinuteOfTalk(double TeacherSeconds, double StudentSeconds);
