namespace LessonReview.Core.Processing;

/// <summary>One kind of job's work and how it ends when it cannot be done; the worker owns claiming, leases and retries.</summary>
public interface ILessonJob
{
    Task RunAsync(ProcessingJob job, CancellationToken cancellationToken);

    /// <summary>The worker died during every attempt.</summary>
    Task FailInterruptedAsync(Guid lessonId, CancellationToken cancellationToken);

    /// <summary>Every one of <paramref name="attempts"/> attempts failed.</summary>
    Task FailAfterAttemptsAsync(Guid lessonId, int attempts, CancellationToken cancellationToken);
}
