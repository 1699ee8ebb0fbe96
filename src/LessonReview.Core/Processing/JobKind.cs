namespace LessonReview.Core.Processing;

/// <summary>What a processing job does, as <see cref="ProcessingJob.Kind"/> stores it.</summary>
public static class JobKind
{
    /// <summary>Make the lesson playable (<see cref="LessonProcessor"/>): always claimed before any analysis.</summary>
    public const string Playback = "playback";
    /// <summary>Analyse the lesson's talk (<see cref="Analysis.TalkJob"/>), after it is playable.</summary>
    public const string Talk = "talk";
}
