namespace LessonReview.Core.Processing;

/// <summary>What a processing job does, as <see cref="ProcessingJob.Kind"/> stores it.</summary>
public static class JobKind
{
    /// <summary>Make the lesson playable (<see cref="LessonProcessor"/>): always claimed before any analysis.</summary>
    public const string Playback = "playback";
    /// <summary>Encode one part of a long lesson (<see cref="ChunkJob"/>), for any worker; offered by the lesson's playback job.</summary>
    public const string Chunk = "chunk";
    /// <summary>Analyse the lesson's talk (<see cref="Analysis.TalkJob"/>), after it is playable.</summary>
    public const string Talk = "talk";

    /// <summary>What a worker's playback lane takes: whole lessons first, then parts of long ones.</summary>
    public static readonly string[] PlaybackLane = [Playback, Chunk];

    /// <summary>What a worker's analysis lane takes.</summary>
    public static readonly string[] AnalysisLane = [Talk];
}
