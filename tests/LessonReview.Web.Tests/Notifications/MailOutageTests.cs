using LessonReview.Core.Notifications;
using LessonReview.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Tests.Notifications;

/// <summary>A mail server that is down for a while delays mail, loses none and sends none twice; wrong mail settings stop the app at start with the reason.</summary>
public sealed class MailOutageTests(MailHost host) : IClassFixture<MailHost>
{
    [Fact]
    public async Task Mail_queued_while_the_server_is_down_goes_once_when_it_is_back()
    {
        await host.Smtp.StopAsync();
        var review = await host.OpenReviewAsync(await host.TraineeAsync());

        // Tried and refused at least twice (Email:RetrySeconds=1, doubling), and still waiting, not dropped.
        var waiting = await WaitForOutboxAsync(review.Id, m => m.Attempts >= 2 && m.State == MailState.Queued);
        Assert.NotNull(waiting.LastError);
        Assert.Empty(host.MailsTo("mentor@example.org", "asked you to review"));

        await host.Smtp.StartAgainAsync();
        await host.WaitForMailAsync("mentor@example.org", "asked you to review", $"/reviews/{review.Id}");
        var sent = await WaitForOutboxAsync(review.Id, m => m.State == MailState.Sent);
        Assert.Null(sent.LastError);
        await Task.Delay(3000); // no second copy follows
        Assert.Single(host.MailsTo("mentor@example.org", "asked you to review"), m => (m.TextBody ?? "").Contains($"/reviews/{review.Id}"));
    }

    [Theory]
    [InlineData("Email:SiteUrl", "", "Email:SiteUrl must be the address people open LessonReview at")]
    [InlineData("Email:From", "not an address", "Email:From must be the sender's address")]
    [InlineData("Email:Smtp:Port", "70000", "Email:Smtp:Port must be a port number")]
    public void Wrong_mail_settings_stop_the_app_at_start_with_the_reason(string key, string value, string reason)
    {
        var settings = host.Smtp.AppSettings();
        settings[key] = value;
        var failure = Assert.ThrowsAny<Exception>(() => AppHost.With(settings).Dispose());
        Assert.Contains(reason, Flatten(failure));
    }

    private async Task<OutgoingMail> WaitForOutboxAsync(Guid reviewId, Func<OutgoingMail, bool> state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var link = $"/reviews/{reviewId}";
        OutgoingMail? mail = null;
        while (DateTime.UtcNow < deadline)
        {
            mail = await host.DbAsync(db => db.OutgoingMail.AsNoTracking().SingleOrDefaultAsync(m => m.To == "mentor@example.org" && m.Body.Contains(link)));
            if (mail is not null && state(mail)) return mail;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The outbox row never reached the expected state; last: {mail?.State}, attempts {mail?.Attempts}, error {mail?.LastError}.");
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : $"{e.Message} {Flatten(e.InnerException)}";
}
