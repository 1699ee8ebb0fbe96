using System.Text.Json;
using LessonReview.Core.Events;
using Microsoft.AspNetCore.SignalR;

namespace LessonReview.Web.Realtime;

/// <summary>
/// Sends a committed review change to this instance's viewers of the review, under its event name
/// with the stored JSON as the argument (exactly what the catch-up endpoint returns).
/// </summary>
public sealed class HubReviewEventPublisher(IHubContext<ReviewHub> hub) : IReviewEventPublisher
{
    public Task PublishAsync(ReviewChange change, CancellationToken cancellationToken = default)
    {
        using var payload = JsonDocument.Parse(change.PayloadJson);
        return hub.Clients.Group(ReviewHub.ReviewGroup(change.ReviewId)).SendAsync(change.Type, payload.RootElement.Clone(), cancellationToken);
    }
}
