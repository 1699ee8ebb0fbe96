using LessonReview.Core.Events;
using Microsoft.AspNetCore.SignalR;

namespace LessonReview.Web.Realtime;

/// <summary>Publishes lesson events to this instance's hub clients (the in-process default).</summary>
public sealed class HubLessonEventPublisher(IHubContext<ReviewHub, IReviewClient> hub) : ILessonEventPublisher
{
    public Task PublishAsync(LessonProgress progress, CancellationToken cancellationToken = default) =>
        hub.Clients.Group(ReviewHub.LessonGroup(progress.LessonId))
            .LessonProgress(new LessonProgressMessage(progress.LessonId, progress.Status, Math.Round(progress.Progress, 4), progress.Error is { } error ? LessonReview.Core.Lessons.FailureReason.English(error) : null, progress.Playable));
}
