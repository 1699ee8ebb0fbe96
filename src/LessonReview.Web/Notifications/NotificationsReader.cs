using LessonReview.Core.Data;
using LessonReview.Core.Notifications;
using LessonReview.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Notifications;

/// <param name="Text">The sentence in the reader's language.</param>
/// <param name="Link">Where it leads, relative to the site.</param>
public sealed record NotificationDto(Guid Id, string Kind, string Text, string Link, DateTime CreatedAt, bool Read);

/// <param name="Unread">How many are unread (all of them, not only those listed).</param>
public sealed record NotificationsDto(int Unread, IReadOnlyList<NotificationDto> Items);

/// <summary>A person's notifications, newest first, written in the reader's language; marking them read.</summary>
public sealed class NotificationsReader(LessonReviewDb db, IStringLocalizer<SharedText> text, INotificationSignals signals, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<NotificationsDto> ReadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).Take(PageSize).ToListAsync(cancellationToken);
        return new NotificationsDto(await UnreadAsync(userId, cancellationToken), rows.Select(Dto).ToList());
    }

    public Task<int> UnreadAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    /// <summary>Marks everything the person has read (they opened the list); their other pages' counts go to zero.</summary>
    public async Task MarkAllReadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var marked = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
        if (marked > 0) await signals.ChangedAsync([userId], cancellationToken);
    }

    private NotificationDto Dto(Notification n) =>
        new(n.Id, n.Kind, text.Sentence(n.Text), n.Link, n.CreatedAt, n.ReadAt is not null);
}
