using System.Globalization;
using LessonReview.Core;
using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Core.Notifications;
using LessonReview.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Notifications;

/// <summary>
/// Tells people: adds a notification to each recipient's in-app list and, when e-mail is on and they
/// have not turned that kind off, a mail to the outbox written in their language. Both are added to
/// the caller's unit of work (the same transaction as the change they report, so neither is lost nor
/// sent for a change that did not happen); <see cref="PublishAsync"/> after the commit updates open pages.
/// </summary>
public sealed class Notifier(LessonReviewDb db, IStringLocalizer<SharedText> text, IOptions<EmailOptions> email,
    INotificationSignals signals, MailSignal mailSignal, TimeProvider clock)
{
    /// <param name="Key">Makes it once per person (see <see cref="Notification.Key"/>).</param>
    public sealed record Note(string Kind, Message Text, string Link, string? Key = null);

    private readonly HashSet<Guid> _pending = [];
    private bool _mailPending;

    /// <summary>Adds <paramref name="note"/> for each of <paramref name="userIds"/> (switched-off accounts and those who already have its key are skipped); the caller saves.</summary>
    public async Task AddAsync(IEnumerable<Guid> userIds, Note note, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0) return;
        var people = await db.Users.Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.Name, u.Language, u.EmailOptOuts, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var keyed = note.Key is null ? [] : await db.Notifications.Where(n => ids.Contains(n.UserId) && n.Key == note.Key).Select(n => n.UserId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = StoredSentence.Encode(note.Text.Template, note.Text.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""));
        foreach (var person in people.Where(p => !User.IsSwitchedOff(p.LockoutEnd) && !keyed.Contains(p.Id)))
        {
            var notification = new Notification { UserId = person.Id, Kind = note.Kind, Text = stored, Link = note.Link, Key = note.Key, CreatedAt = now };
            db.Notifications.Add(notification);
            _pending.Add(person.Id);
            if (!email.Value.Enabled || !MimeKit.MailboxAddress.TryParse(person.Email, out _) || OptedOut(person.EmailOptOuts, note.Kind)) continue;
            var (subject, body) = Wording.In(person.Language, () => Mail(note));
            db.OutgoingMail.Add(new OutgoingMail
            {
                UserId = person.Id, NotificationId = notification.Id, To = person.Email!,
                Subject = subject, Body = body, AvailableAt = now, CreatedAt = now,
            });
            _mailPending = true;
        }
    }

    /// <summary>After the caller's commit: open pages of the recipients show the new count, and the sender wakes.</summary>
    public async Task PublishAsync(CancellationToken cancellationToken = default)
    {
        var recipients = _pending.ToList();
        _pending.Clear();
        if (_mailPending) mailSignal.Notify();
        _mailPending = false;
        if (recipients.Count > 0) await signals.ChangedAsync(recipients, cancellationToken);
    }

    /// <summary>Adds, saves and publishes: for notices that are not part of another change (reminders, digests).</summary>
    public async Task NotifyAsync(IEnumerable<Guid> userIds, Note note, CancellationToken cancellationToken)
    {
        await AddAsync(userIds, note, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (note.Key is not null)
        {
            // Another instance added the same keyed notice a moment ago: theirs stands.
            db.ChangeTracker.Clear();
            _pending.Clear();
            _mailPending = false;
            return;
        }
        await PublishAsync(cancellationToken);
    }

    public static bool OptedOut(string optOuts, string kind) => optOuts.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(kind);

    private (string Subject, string Body) Mail(Note note)
    {
        var sentence = text[note.Text.Template, note.Text.Values].Value;
        var body = string.Join("\n", [
            sentence, "",
            $"{text["Open it:"]} {email.Value.Link(note.Link)}", "",
            "-- ",
            "LessonReview",
            $"{text["You get this e-mail because of your notification settings. To stop this kind:"]} {email.Value.Link("/settings#email")}",
        ]);
        return (sentence.Length > 300 ? sentence[..300] : sentence, body);
    }
}
