using System.Text.Json;
using LessonReview.Core.Events;
using Microsoft.AspNetCore.SignalR;

namespace LessonReview.Web.Realtime;

/// <summary>Tells a review's viewers who is watching after this instance's viewers changed.</summary>
public interface IPresenceAnnouncer
{
    Task AnnounceAsync(Guid reviewId, IReadOnlyList<Viewer> localViewers);
}

/// <summary>One instance: its own viewers are everyone.</summary>
public sealed class LocalPresenceAnnouncer(IHubContext<ReviewHub, IReviewClient> hub, PresenceTracker presence) : IPresenceAnnouncer
{
    public Task AnnounceAsync(Guid reviewId, IReadOnlyList<Viewer> localViewers) => hub.TellWhoIsWatchingAsync(presence, reviewId);
}

internal static class PresenceBroadcast
{
    /// <summary>Tells this instance's viewers of the review everyone watching it now, on every instance.</summary>
    public static Task TellWhoIsWatchingAsync(this IHubContext<ReviewHub, IReviewClient> hub, PresenceTracker presence, Guid reviewId) =>
        hub.Clients.Group(ReviewHub.ReviewGroup(reviewId)).PresenceChanged(new PresenceMessage(reviewId, presence.Everyone(reviewId)));

    /// <summary>Takes a connection out of a review: no more of its events, and gone from who is watching.</summary>
    public static async Task LeaveReviewAsync(this IGroupManager groups, PresenceTracker presence, IPresenceAnnouncer announcer, Guid reviewId, string connectionId)
    {
        await groups.RemoveFromGroupAsync(connectionId, ReviewHub.ReviewGroup(reviewId));
        await announcer.AnnounceAsync(reviewId, presence.Leave(reviewId, connectionId));
    }
}

/// <summary>
/// Several instances: announce this instance's viewers with NOTIFY; every instance's listener
/// (this one too) merges the lists and tells its own clients (see PostgresEventListener).
/// </summary>
public sealed class PostgresPresenceAnnouncer(PostgresNotifyPublisher notify, PresenceTracker presence) : IPresenceAnnouncer
{
    public const string Kind = "presence";
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task AnnounceAsync(Guid reviewId, IReadOnlyList<Viewer> localViewers) =>
        notify.NotifyAsync(new EventNotice(Kind, reviewId, 0, null, null,
            JsonSerializer.SerializeToElement(new PresenceNotice(presence.InstanceId, reviewId, localViewers), Json)));
}

public sealed record PresenceNotice(string Instance, Guid ReviewId, IReadOnlyList<Viewer> Viewers);
