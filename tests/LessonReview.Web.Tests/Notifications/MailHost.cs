using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;
using MimeKit;

namespace LessonReview.Web.Tests.Notifications;

/// <summary>A <see cref="ReviewHost"/> that mails through its own real SMTP server on loopback.</summary>
public sealed class MailHost : ReviewHost
{
    public MailHost() : this(SmtpServer.StartAsync().GetAwaiter().GetResult()) { }

    private MailHost(SmtpServer smtp) : base(smtp.AppSettings()) => Smtp = smtp;

    public SmtpServer Smtp { get; }

    /// <summary>The mails received so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Mails() => Smtp.Received().Select(Parse).ToList();

    /// <summary>Waits for a mail to <paramref name="to"/> whose subject contains <paramref name="subject"/> (and whose body contains <paramref name="body"/>).</summary>
    public async Task<MimeMessage> WaitForMailAsync(string to, string subject, string body = "", int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (MailsTo(to, subject).FirstOrDefault(m => (m.TextBody ?? "").Contains(body, StringComparison.Ordinal)) is { } mail) return mail;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No mail to {to} about \"{subject}\". Received: {string.Join(" | ", Mails().Select(m => $"{m.To}: {m.Subject}"))}");
    }

    public List<MimeMessage> MailsTo(string to, string subject) =>
        Mails().Where(m => m.To.Mailboxes.Any(a => a.Address == to) && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal)).ToList();

    private static MimeMessage Parse(byte[] raw)
    {
        using var stream = new MemoryStream(raw);
        return MimeMessage.Load(stream);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
