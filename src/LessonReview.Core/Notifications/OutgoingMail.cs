namespace LessonReview.Core.Notifications;

/// <summary>
/// An e-mail waiting to be sent, or sent: the outbox. It is written in the same transaction as the
/// notification it carries, already in the recipient's language, and a sender claims it with a lease
/// (like a processing job). A mail server that is down delays it (retried with back-off); nothing is
/// lost, and a sent mail is never claimed again.
/// </summary>
public sealed class OutgoingMail
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid? UserId { get; set; }
    public Guid? NotificationId { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    /// <summary>Plain text (UTF-8).</summary>
    public required string Body { get; set; }

    /// <summary>One of <see cref="MailState"/>.</summary>
    public string State { get; set; } = MailState.Queued;
    public int Attempts { get; set; }
    /// <summary>Not tried before this instant (back-off after a failure).</summary>
    public DateTime AvailableAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public static class MailState
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    /// <summary>Given up after Email:MaxAttempts (the address is refused, say); the reason is in LastError.</summary>
    public const string Failed = "failed";
}
