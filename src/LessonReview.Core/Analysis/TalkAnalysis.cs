namespace LessonReview.Core.Analysis;

/// <summary>
/// Who talked how much in one lesson (issue 14): one row per lesson, written by <see cref="TalkJob"/>
/// after the lesson became playable. Numbers are null until <see cref="Status"/> is ready.
/// </summary>
public sealed class TalkAnalysis
{
    public Guid LessonId { get; set; }
    /// <summary>One of <see cref="TalkStatus"/>.</summary>
    public string Status { get; set; } = TalkStatus.Queued;
    /// <summary>Why it could not be analysed: a <see cref="StoredSentence"/>.</summary>
    public string? Error { get; set; }

    public double? DurationSeconds { get; set; }
    public double? SpeechSeconds { get; set; }
    public double? TeacherSeconds { get; set; }
    public double? StudentSeconds { get; set; }
    public double? TeacherShare { get; set; }
    public int? StudentTurns { get; set; }
    public double? LongestTeacherTurnSeconds { get; set; }
    public double? MedianWaitSeconds { get; set; }
    /// <summary>The labelled speech as JSON: [[start, end, 0 teacher | 1 student], …] in seconds to the hundredth.</summary>
    public string? SegmentsJson { get; set; }
    /// <summary>Seconds of teacher and student speech per minute as JSON: [[teacher, student], …].</summary>
    public string? MinutesJson { get; set; }

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}

/// <summary>Analysis states, as the API spells them.</summary>
public static class TalkStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Ready = "ready";
    public const string Failed = "failed";
}
