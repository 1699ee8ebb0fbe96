using LessonReview.Core.Data;
using LessonReview.Web.Accounts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Realtime;

/// <summary>
/// Holds open hub connections to the rules pages follow: every <c>Accounts:SessionCheckSeconds</c>,
/// and at once when an account changes here or (with PostgreSQL events) on any instance, it compares
/// each connection's sign-in with the database.
/// <list type="bullet">
/// <item>Session ended (signed out, account disabled, password reset) or security stamp changed: the
/// page is told (<c>SessionEnded</c>), leaves its reviews, and the connection is closed a moment later.</item>
/// <item>Role changed: the connection is closed; the page reconnects and joins again with its new rights.</item>
/// </list>
/// Two indexed queries per check, whatever the number of connections.
/// </summary>
public sealed class HubSessionCheck(
    OpenHubConnections open, IServiceScopeFactory scopes, IHubContext<ReviewHub, IReviewClient> hub, PresenceTracker presence,
    IPresenceAnnouncer announcer, IOptions<AccountsOptions> accounts, ILogger<HubSessionCheck> log) : BackgroundService
{
    /// <summary>How long a page told its session ended has to close its connection before the server does.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    public const string EndedMessage = "You have been signed out (the account was changed or signed out elsewhere). Sign in again to go on; nothing you saved is lost.";

    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Asks for a check now (an account changed); several requests before it runs make one check.</summary>
    public void CheckSoon()
    {
        try { if (_wake.CurrentCount == 0) _wake.Release(); }
        catch (SemaphoreFullException) { } // already asked
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(accounts.Value.SessionCheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await _wake.WaitAsync(interval, stoppingToken); }
            catch (OperationCanceledException) { break; }
            try { await CheckAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Could not check the open live connections' sign-ins"); }
        }
    }

    /// <returns>How many connections were ended or sent to reconnect.</returns>
    public async Task<int> CheckAsync(CancellationToken cancellationToken = default)
    {
        var connections = open.All();
        if (connections.Count == 0) return 0;
        var keys = connections.Select(c => c.SessionKey).OfType<string>().Distinct().ToList();
        var userIds = connections.Select(c => c.Caller.Id).Distinct().ToList();

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var liveKeys = (await db.UserSessions.AsNoTracking().Where(s => keys.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        var users = await AccountState.ReadAsync(db, userIds, cancellationToken);

        var changed = 0;
        foreach (var connection in connections)
        {
            var user = users.GetValueOrDefault(connection.Caller.Id);
            var ended = user is null
                || user.Disabled
                || (connection.SessionKey is { } key && !liveKeys.Contains(key))
                || (connection.SecurityStamp is { } stamp && stamp != user.SecurityStamp);
            if (ended) await EndAsync(connection);
            else if (user!.Role != connection.Caller.Role) connection.Context.Abort();
            else continue;
            open.Closed(connection.Context.ConnectionId);
            changed++;
        }
        return changed;
    }

    private async Task EndAsync(HubSignIn connection)
    {
        var id = connection.Context.ConnectionId;
        foreach (var reviewId in presence.ReviewsOf(id)) await hub.Groups.LeaveReviewAsync(presence, announcer, reviewId, id);
        await hub.Clients.Client(id).SessionEnded(new SessionEndedMessage(EndedMessage));
        // The page stops by itself; a client that does not is cut off (after the message had time to leave).
        _ = Task.Delay(Grace).ContinueWith(_ => connection.Context.Abort(), TaskScheduler.Default);
    }
}

public sealed record SessionEndedMessage(string Message);
