using System.Text.Json;
using LessonReview.Core.Data;
using LessonReview.Core.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LessonReview.Web.Realtime;

/// <summary>
/// With Events:Provider=PostgreSQL: LISTENs for events published by any instance or worker and
/// fans them out to this instance's hub clients, one at a time in the order PostgreSQL delivered them
/// (so a page never gets an older change after a newer one). If the listening connection drops it
/// reconnects; notifications sent meanwhile are lost, so once listening again it tells every review
/// page on this instance to catch up (/events?afterSeq=N); a page that sees a gap in seq does the same.
/// </summary>
public sealed class PostgresEventListener(
    NpgsqlDataSource dataSource, HubLessonEventPublisher lessons, HubReviewEventPublisher reviews,
    PresenceTracker presence, IPresenceAnnouncer announcer, PostgresNotifyPublisher notify, IHubContext<ReviewHub, IReviewClient> hub,
    IServiceScopeFactory scopes, HubSessionCheck sessionCheck, Notifications.HubNotificationSignals notifications, TimeProvider clock, ILogger<PostgresEventListener> log) : BackgroundService
{
    /// <summary>
    /// Sent whenever this listener starts listening (start-up, or back after a lost connection): it
    /// has not heard the others' viewers, or missed changes to them, so every instance announces its
    /// viewers again.
    /// </summary>
    public const string PresenceSyncKind = "presence-sync";

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Threading.Channels.Channel<string> _received =
        System.Threading.Channels.Channel.CreateUnbounded<string>(new() { SingleReader = true });

    /// <summary>Completes once LISTEN is in place (tests wait for it before publishing).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dispatching = DispatchInOrderAsync(stoppingToken);
        var reconnected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => _received.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresNotifyPublisher.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                await notify.NotifyAsync(new EventNotice(PresenceSyncKind, Guid.Empty, 0, null, null), stoppingToken);
                _listening.TrySetResult();
                if (reconnected) await TellPagesToCatchUpAsync();
                reconnected = true;
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Lost the PostgreSQL event listener; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        _received.Writer.TryComplete();
        await dispatching;
    }

    private async Task DispatchInOrderAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var payload in _received.Reader.ReadAllAsync(stoppingToken)) await DispatchAsync(payload);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task TellPagesToCatchUpAsync()
    {
        foreach (var (reviewId, _) in presence.AllLocal())
            await hub.Clients.Group(ReviewHub.ReviewGroup(reviewId)).CatchUp();
    }

    // Each instance announces its own viewers; every instance keeps the others' lists and tells its clients the union.
    private async Task MergePresenceAsync(PresenceNotice notice)
    {
        if (notice.Instance != presence.InstanceId) presence.SetRemote(notice.ReviewId, notice.Instance, notice.Viewers, clock.GetUtcNow().UtcDateTime);
        await hub.TellWhoIsWatchingAsync(presence, notice.ReviewId);
    }

    private async Task DispatchAsync(string payload)
    {
        try
        {
            var notice = PostgresNotifyPublisher.Parse(payload);
            if (notice?.Kind == PostgresPresenceAnnouncer.Kind && notice.Data is { } data)
            {
                await MergePresenceAsync(data.Deserialize<PresenceNotice>(PostgresPresenceAnnouncer.Json)!);
            }
            else if (notice?.Kind == PresenceHeartbeat.Kind && notice.Data is { } alive)
            {
                presence.Heard(alive.Deserialize<InstanceAlive>(PostgresPresenceAnnouncer.Json)!.Instance, clock.GetUtcNow().UtcDateTime);
            }
            else if (notice?.Kind == PostgresAccountChanges.Kind)
            {
                sessionCheck.CheckSoon();
            }
            else if (notice?.Kind == Notifications.PostgresNotificationSignals.Kind)
            {
                await notifications.ChangedAsync([notice.Id]);
            }
            else if (notice?.Kind == PresenceSyncKind)
            {
                foreach (var (reviewId, viewers) in presence.AllLocal()) await announcer.AnnounceAsync(reviewId, viewers);
            }
            else if (notice?.Kind == "lesson" && notice.Lesson is { } progress)
            {
                await lessons.PublishAsync(progress);
            }
            else if (notice?.Kind == "review")
            {
                await using var scope = scopes.CreateAsyncScope();
                var stored = await scope.ServiceProvider.GetRequiredService<LessonReviewDb>().ReviewEvents.AsNoTracking()
                    .SingleOrDefaultAsync(e => e.ReviewId == notice.Id && e.Seq == notice.Seq);
                if (stored is not null) await reviews.PublishAsync(new ReviewChange(stored.ReviewId, stored.Seq, stored.Type, stored.Payload));
            }
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not deliver event {Payload}", payload);
        }
    }
}
