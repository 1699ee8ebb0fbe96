namespace LessonReview.Media.Analysis;

/// <summary>The thresholds of talk analysis (configuration section <c>Analysis:Talk</c>; README explains each).</summary>
public class TalkSettings
{
    /// <summary>A frame is speech from this Silero probability (0–1); it stays speech until 0.15 below it.</summary>
    public float SpeechThreshold { get; set; } = 0.5f;

    /// <summary>Pauses shorter than this (seconds) do not split speech.</summary>
    public double MinSilenceSeconds { get; set; } = 0.3;

    /// <summary>Speech shorter than this (seconds) is ignored (a cough, a chair).</summary>
    public double MinSpeechSeconds { get; set; } = 0.25;

    /// <summary>Most different voices looked for (2–8); every voice but the teacher's counts as students.</summary>
    public int MaxVoices { get; set; } = 4;

    /// <summary>Voices must be at least this well separated (mean silhouette, 0–1) to count as different people; below it, all speech is the teacher's.</summary>
    public double MinVoiceSeparation { get; set; } = 0.3;

    /// <summary>A turn at least this long (seconds) is a long turn: the voice with the most of them is the teacher.</summary>
    public double LongTurnSeconds { get; set; } = 4;

    /// <summary>The same voice speaking again within this many seconds continues its turn.</summary>
    public double TurnGapSeconds { get; set; } = 2;

    /// <summary>A pause between a teacher turn and the next student turn counts as wait time up to this many seconds (longer is an activity, not a wait).</summary>
    public double MaxWaitSeconds { get; set; } = 10;

    /// <summary>Why these values cannot work, or null.</summary>
    public string? Problem() =>
        SpeechThreshold is <= 0.15f or >= 1 ? "Analysis:Talk:SpeechThreshold must be between 0.15 and 1."
        : MinSilenceSeconds < 0 || MinSpeechSeconds < 0 ? "Analysis:Talk:MinSilenceSeconds and MinSpeechSeconds cannot be negative."
        : MaxVoices is < 2 or > 8 ? "Analysis:Talk:MaxVoices must be between 2 and 8."
        : MinVoiceSeparation is < 0 or >= 1 ? "Analysis:Talk:MinVoiceSeparation must be from 0 up to 1."
        : LongTurnSeconds <= 0 || TurnGapSeconds < 0 || MaxWaitSeconds <= 0 ? "Analysis:Talk:LongTurnSeconds and MaxWaitSeconds must be positive, TurnGapSeconds not negative."
        : null;
}
