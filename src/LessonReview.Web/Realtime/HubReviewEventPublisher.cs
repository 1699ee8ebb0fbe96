using System.Text.Json;
using LessonReview.Core.Accounts;
using LessonReview.Core.Events;
using LessonReview.Web.Reviews;
using Microsoft.AspNetCore.SignalR;

namespace LessonReview.Web.Realtime;

/// <summary>
/// Sends a committed review change to this instance's viewers of the review, under its event name
/// with the stored JSON as the argument (exactly what the catch-up endpoint returns). When the
/// mentors change, a removed mentor's open pages on this instance leave the review's group first and
/// are told why (<c>AccessRevoked</c>): they see nothing of the review from then on.
/// </summary>
public sealed class HubReviewEventPublisher(IHubContext<ReviewHub> hub, PresenceTracker presence, IPresenceAnnouncer announcer) : IReviewEventPublisher
{
    public const string AccessRevoked = nameof(AccessRevoked);

    /// <summary>In English, the key the page translates (ScriptText).</summary>
    public const string NoLongerMentorMessage = "You are no longer a mentor of this review, so it is closed for you. Your comments stay in it.";

    public async Task PublishAsync(ReviewChange change, CancellationToken cancellationToken = default)
    {
        if (change.Type == ReviewEventTypes.MentorsChanged) await EvictRemovedMentorsAsync(change, cancellationToken);
        using var payload = JsonDocument.Parse(change.PayloadJson);
        await hub.Clients.Group(ReviewHub.ReviewGroup(change.ReviewId)).SendAsync(change.Type, payload.RootElement.Clone(), cancellationToken);
    }

    private async Task EvictRemovedMentorsAsync(ReviewChange change, CancellationToken cancellationToken)
    {
        var mentors = JsonSerializer.Deserialize<MentorsChangedDto>(change.PayloadJson, ReviewChanges.Json)!.MentorIds.ToHashSet();
        var removed = presence.ConnectionsOf(change.ReviewId).Where(c => c.Viewer.Role == Roles.Mentor && !mentors.Contains(c.Viewer.UserId));
        foreach (var (connectionId, _) in removed)
        {
            await hub.Groups.LeaveReviewAsync(presence, announcer, change.ReviewId, connectionId);
            await hub.Clients.Client(connectionId).SendAsync(AccessRevoked, new AccessRevokedMessage(change.ReviewId, NoLongerMentorMessage), cancellationToken);
        }
    }
}

public sealed record AccessRevokedMessage(Guid ReviewId, string Message);
