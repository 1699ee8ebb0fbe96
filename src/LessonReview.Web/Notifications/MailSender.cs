using LessonReview.Core.Notifications;
using LessonReview.Core.Processing;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LessonReview.Web.Notifications;

/// <summary>Wakes the mail sender when a mail is queued.</summary>
public sealed class MailSignal : WakeSignal;

/// <summary>Hands one mail to the mail server. The SMTP one is MailKit; tests use the same, against a real server.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = 60_000 };
        var security = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}

/// <summary>
/// Sends the outbox (every web instance runs one; claims keep them from sending a mail twice). When
/// the mail server is down each mail waits Email:RetrySeconds, doubling up to an hour, and is tried
/// again; after Email:MaxAttempts it is given up and logged. Nothing is dropped on the way.
/// </summary>
public sealed class MailSender(IServiceScopeFactory scopes, IMailTransport transport, MailSignal signal, IOptions<EmailOptions> options,
    ILogger<MailSender> log) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5); // well beyond the SMTP timeout: a claim outlives its send
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(15);
    private readonly string _owner = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await SendOneAsync(stoppingToken)) await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                log.LogWarning(e, "The mail outbox could not be read; trying again shortly");
                await Task.Delay(Poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Sends the next due mail; false when none is due.</summary>
    public async Task<bool> SendOneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<MailQueue>();
        var mail = await queue.TryClaimAsync(_owner, Lease, cancellationToken);
        if (mail is null) return false;
        try
        {
            await transport.SendAsync(Message(mail, options.Value), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var settings = options.Value;
            var giveUp = mail.Attempts >= settings.MaxAttempts;
            var delay = TimeSpan.FromSeconds(Math.Min(3600, settings.RetrySeconds * Math.Pow(2, Math.Min(mail.Attempts - 1, 20))));
            if (giveUp) log.LogError(e, "Gave up mailing {To} after {Attempts} attempts", mail.To, mail.Attempts);
            else log.LogWarning("Could not mail {To} (attempt {Attempts}): {Reason}; trying again in {Delay}", mail.To, mail.Attempts, e.Message, delay);
            await queue.NotSentAsync(mail.Id, _owner, e.Message, delay, giveUp, CancellationToken.None);
            return true;
        }
        await queue.SentAsync(mail.Id, _owner, CancellationToken.None);
        return true;
    }

    public static MimeMessage Message(OutgoingMail mail, EmailOptions settings)
    {
        var message = new MimeMessage
        {
            // Stable: a retry after an unrecorded success carries the same id, which mail systems use to drop the copy.
            MessageId = $"{mail.Id:N}@lessonreview",
            Date = new DateTimeOffset(mail.CreatedAt, TimeSpan.Zero),
            Subject = mail.Subject,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = mail.Body },
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }
}
