using LessonReview.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Core.Notifications;

/// <summary>
/// The outbox's claims and outcomes. A claim is one conditional UPDATE (as for processing jobs), so
/// two senders (threads, instances) never take the same mail; a mail marked sent is never claimed
/// again. A sender that dies mid-send leaves its claim to expire, and the mail is tried again: the one
/// case where a mail could go twice is a server that accepted it while the sender died before
/// recording it, which the stable Message-Id lets a mail system recognise.
/// </summary>
public sealed class MailQueue(LessonReviewDb db, TimeProvider clock)
{
    public async Task<OutgoingMail?> TryClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        for (var tries = 0; tries < 5; tries++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var candidate = await Due(now).OrderBy(m => m.AvailableAt).Select(m => m.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate == Guid.Empty) return null;
            var claimed = await Due(now).Where(m => m.Id == candidate).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.State, MailState.Sending)
                .SetProperty(m => m.LeaseOwner, owner)
                .SetProperty(m => m.LeaseExpiresAt, now + lease)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            if (claimed == 1) return await db.OutgoingMail.AsNoTracking().SingleAsync(m => m.Id == candidate, cancellationToken);
        }
        return null;
    }

    public async Task SentAsync(Guid id, string owner, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.OutgoingMail.Where(m => m.Id == id && m.LeaseOwner == owner).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.State, MailState.Sent)
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(m => m.LastError, (string?)null), cancellationToken);
    }

    /// <summary>Back to the queue after <paramref name="delay"/>, or failed for good when <paramref name="giveUp"/>.</summary>
    public async Task NotSentAsync(Guid id, string owner, string error, TimeSpan delay, bool giveUp, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.OutgoingMail.Where(m => m.Id == id && m.LeaseOwner == owner).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.State, giveUp ? MailState.Failed : MailState.Queued)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(m => m.AvailableAt, now + delay)
            .SetProperty(m => m.LastError, error.Length > 2000 ? error[..2000] : error), cancellationToken);
    }

    private IQueryable<OutgoingMail> Due(DateTime now) => db.OutgoingMail.Where(m =>
        (m.State == MailState.Queued && m.AvailableAt <= now)
        || (m.State == MailState.Sending && m.LeaseExpiresAt < now));
}
