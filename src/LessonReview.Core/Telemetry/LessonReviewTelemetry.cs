using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LessonReview.Core.Telemetry;

/// <summary>
/// LessonReview's own traces and metrics (the processing pipeline and database commands). Named
/// <see cref="Name"/>; exported only when telemetry is configured (<see cref="TelemetrySetup"/>).
/// </summary>
public static class LessonReviewTelemetry
{
    public const string Name = "LessonReview";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>Seconds from upload complete (job queued) to a worker taking it.</summary>
    public static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>(
        "lessonreview.processing.queue_wait", "s", "Time a lesson waited for a worker");

    /// <summary>Seconds a worker spent on one attempt, by outcome.</summary>
    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "lessonreview.processing.duration", "s", "Time a worker spent processing a lesson (one attempt)");

    /// <summary>Bytes of recordings processed (the original upload's size), by outcome.</summary>
    public static readonly Counter<long> BytesProcessed = Meter.CreateCounter<long>(
        "lessonreview.processing.bytes", "By", "Bytes of uploaded recordings processed");

    /// <summary>Tag for the outcome of a processing attempt: succeeded, unplayable, retry, failed, interrupted.</summary>
    public const string Outcome = "lessonreview.outcome";
}
