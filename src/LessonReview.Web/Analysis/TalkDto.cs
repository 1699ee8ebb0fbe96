using System.Text.Json;
using LessonReview.Core.Analysis;
using LessonReview.Web.Localization;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Analysis;

/// <summary>Who talked how much in a lesson, as <c>GET /api/lessons/{id}/talk</c> shows it; numbers are null until status is ready.</summary>
public sealed record TalkDto(
    /// <summary>none (never analysed) | queued | running | ready | failed</summary>
    string Status,
    string? Error,
    double? DurationSeconds,
    double? SpeechSeconds,
    double? SilenceSeconds,
    double? TeacherSeconds,
    double? StudentSeconds,
    /// <summary>The teacher's part of all speech, 0–1.</summary>
    double? TeacherShare,
    int? StudentTurns,
    double? LongestTeacherTurnSeconds,
    double? MedianWaitSeconds,
    IReadOnlyList<TalkSegmentDto> Segments,
    IReadOnlyList<TalkMinuteDto> Minutes)
{
    public const string None = "none";
    public const string Teacher = "teacher";
    public const string Student = "student";

    public static TalkDto From(TalkAnalysis? analysis, IStringLocalizer<SharedText> text)
    {
        if (analysis is null) return new TalkDto(None, null, null, null, null, null, null, null, null, null, null, [], []);
        var error = analysis.Error is { } stored ? text.Sentence(stored) : null;
        if (analysis.Status != TalkStatus.Ready)
            return new TalkDto(analysis.Status, error, null, null, null, null, null, null, null, null, null, [], []);
        var segments = JsonSerializer.Deserialize<double[][]>(analysis.SegmentsJson ?? "[]")!
            .Select(s => new TalkSegmentDto(s[0], s[1], s[2] == 0 ? Teacher : Student)).ToList();
        var minutes = JsonSerializer.Deserialize<double[][]>(analysis.MinutesJson ?? "[]")!
            .Select(m => new TalkMinuteDto(m[0], m[1])).ToList();
        return new TalkDto(analysis.Status, null, analysis.DurationSeconds, analysis.SpeechSeconds,
            analysis.DurationSeconds - analysis.SpeechSeconds is { } silence ? Math.Round(Math.Max(0, silence), 2) : null,
            analysis.TeacherSeconds, analysis.StudentSeconds, analysis.TeacherShare, analysis.StudentTurns,
            analysis.LongestTeacherTurnSeconds, analysis.MedianWaitSeconds, segments, minutes);
    }
}

/// <summary>A stretch of speech: <c>speaker</c> is teacher or student.</summary>
public sealed record TalkSegmentDto(double Start, double End, string Speaker);

/// <summary>Seconds of teacher and student speech in one minute of the lesson.</summary>
public sealed record TalkMinuteDto(double TeacherSeconds, double StudentSeconds);
