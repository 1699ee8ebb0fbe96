using LessonReview.Core.Events;
using LessonReview.Web.Accounts;

namespace LessonReview.Web.Realtime;

/// <summary>One instance: check this instance's live connections now.</summary>
public sealed class LocalAccountChanges(HubSessionCheck check) : IAccountChanges
{
    public Task ChangedAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        check.CheckSoon();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Several instances: every instance (and this one) checks its live connections now; also works from
/// the command line (<c>users disable</c>), which has no connections of its own.
/// </summary>
public sealed class PostgresAccountChanges(PostgresNotifyPublisher notify) : IAccountChanges
{
    public const string Kind = "account-changed";

    public Task ChangedAsync(Guid userId, CancellationToken cancellationToken = default) =>
        notify.NotifyAsync(new EventNotice(Kind, userId, 0, null, null), cancellationToken);
}
