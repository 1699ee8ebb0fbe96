namespace LessonReview.Core.Processing;

/// <summary>What a processing job does, as <see cref="ProcessingJob.Kind"/> stores it.</summary>
public static class JobKind
{
    /// <summary>Make the lesson playable (<see cref="LessonProcessor"/>): always claimed before any analysis.</summary>
    public const string Playback = "playback";
    /// <summary>Analyse the lesson's talk (<see cref="Analysis.TalkJob"/>), after it is playable.</summary>
    public const string Talk = "talk";
}

/// <summary>One kind of job's work and how it ends when it cannot be done; the worker owns claiming, leases and retries.</summary>
public interface ILessonJob
{
    Task RunAsync(Guid lessonId, CancellationToken cancellationToken);

    /// <summary>The worker died during every attempt.</summary>
    Task FailInterruptedAsync(Guid lessonId, CancellationToken cancellationToken);

    /// <summary>Every one of <paramref name="attempts"/> attempts failed.</summary>
    Task FailAfterAttemptsAsync(Guid lessonId, int attempts, CancellationToken cancellationToken);
}
