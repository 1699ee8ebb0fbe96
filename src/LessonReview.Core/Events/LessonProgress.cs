namespace LessonReview.Core.Events;

/// <summary>A lesson's processing state changed; hub event <c>LessonProgress</c>.</summary>
/// <param name="Playable">Playback can start (HLS segments are out), possibly while processing goes on.</param>
public sealed record LessonProgress(Guid LessonId, string Status, double Progress, string? Error, bool Playable = false);

/// <summary>
/// Sends lesson events to whoever watches them. In-process (the SignalR hub) by default; across
/// instances and separate workers a distributed implementation replaces it.
/// </summary>
public interface ILessonEventPublisher
{
    Task PublishAsync(LessonProgress progress, CancellationToken cancellationToken = default);
}
