using LessonReview.Core.Data;
using LessonReview.Core.Events;
using LessonReview.Web.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Notifications;

/// <summary>Tells people's open pages that their notifications changed (a new one, or read elsewhere), so the unread count is right everywhere.</summary>
public interface INotificationSignals
{
    Task ChangedAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default);
}

/// <summary>Sends each person's connections on this instance their unread count.</summary>
public sealed class HubNotificationSignals(IHubContext<ReviewHub, IReviewClient> hub, IServiceScopeFactory scopes) : INotificationSignals
{
    public async Task ChangedAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var unread = await db.Notifications.Where(n => userIds.Contains(n.UserId) && n.ReadAt == null)
            .GroupBy(n => n.UserId).Select(g => new { UserId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UserId, g => g.Count, cancellationToken);
        foreach (var id in userIds)
            await hub.Clients.User(id.ToString()).NotificationsChanged(new NotificationsChangedMessage(unread.GetValueOrDefault(id)));
    }
}

/// <summary>Several instances: every instance tells its own connections (through PostgreSQL NOTIFY).</summary>
public sealed class PostgresNotificationSignals(PostgresNotifyPublisher notify) : INotificationSignals
{
    public const string Kind = "notifications";

    public async Task ChangedAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default)
    {
        foreach (var id in userIds) await notify.NotifyAsync(new EventNotice(Kind, id, 0, null, null), cancellationToken);
    }
}

/// <param name="Unread">How many of the person's notifications are unread now.</param>
public sealed record NotificationsChangedMessage(int Unread);
