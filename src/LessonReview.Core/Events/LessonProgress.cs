namespace LessonReview.Core.Events;

/// <summary>A lesson's processing state changed; hub event <c>LessonProgress</c>.</summary>
public sealed record LessonProgress(Guid LessonId, string Status, double Progress, string? Error);

/// <summary>
/// Sends lesson events to whoever watches them. In-process (the SignalR hub) by default; across
/// instances and separate workers a distributed implementation replaces it.
/// </summary>
public interface ILessonEventPublisher
{
    Task PublishAsync(LessonProgress progress, CancellationToken cancellationToken = default);
}
