using System.Text.Json;
using LessonReview.Core.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Realtime;

/// <summary>
/// With several web instances: says "this instance is alive" over NOTIFY three times per
/// <c>Events:PresenceTimeoutSeconds</c>, and forgets the viewers announced by instances not heard
/// from for that long, telling this instance's viewers of those reviews. Without it, the viewers
/// of an instance that crashed would be shown "watching now" until someone joined their review again.
/// </summary>
public sealed class PresenceHeartbeat(
    PostgresNotifyPublisher notify, PresenceTracker presence, IHubContext<ReviewHub, IReviewClient> hub,
    IOptions<EventsOptions> options, TimeProvider clock, ILogger<PresenceHeartbeat> log) : BackgroundService
{
    public const string Kind = "alive";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.PresenceTimeoutSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await notify.NotifyAsync(new EventNotice(Kind, Guid.Empty, 0, null, null,
                    JsonSerializer.SerializeToElement(new InstanceAlive(presence.InstanceId), PostgresPresenceAnnouncer.Json)), stoppingToken);
                foreach (var reviewId in presence.ForgetInstancesSilentSince(clock.GetUtcNow().UtcDateTime - timeout))
                    await hub.TellWhoIsWatchingAsync(presence, reviewId);
                await Task.Delay(timeout / 3, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Could not send the presence heartbeat; trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

public sealed record InstanceAlive(string Instance);
