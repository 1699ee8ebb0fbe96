using System.Collections.Concurrent;
using System.Security.Claims;
using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Web.Accounts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Realtime;

/// <summary>
/// This instance's open hub connections and the sign-in each was opened with (session key, user,
/// and the account's security stamp and role read from the database when it connected), so
/// <see cref="HubSessionCheck"/> can end the ones whose sign-in no longer holds. A connection
/// outlives the HTTP request that authenticated it: without this, a disabled account's open page
/// kept receiving live events until it reconnected. The role is read from the database, not the
/// cookie, so a page that reconnects after a role change joins with its new rights at once.
/// </summary>
public sealed class OpenHubConnections
{
    private readonly ConcurrentDictionary<string, HubSignIn> _open = new();

    /// <returns>The connection's sign-in, or null when the account is gone (the caller aborts it).</returns>
    public async Task<HubSignIn?> OpenedAsync(HubCallerContext context, LessonReviewDb db)
    {
        if (context.User is not { } user || Caller.From(user) is not { } caller) return null;
        var accounts = await AccountState.ReadAsync(db, [caller.Id], context.ConnectionAborted);
        if (accounts.GetValueOrDefault(caller.Id)?.Role is not { } role) return null;
        var signIn = new HubSignIn(context, user.FindFirstValue(DatabaseTicketStore.SessionKeyClaim), caller with { Role = role }, accounts[caller.Id].SecurityStamp);
        _open[context.ConnectionId] = signIn;
        return signIn;
    }

    public HubSignIn? Find(string connectionId) => _open.GetValueOrDefault(connectionId);

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    public IReadOnlyCollection<HubSignIn> All() => _open.Values.ToArray();
}

/// <summary>One open connection's sign-in as it was when the connection opened.</summary>
public sealed record HubSignIn(HubCallerContext Context, string? SessionKey, Caller Caller, string? SecurityStamp);

/// <summary>What a live connection's sign-in is checked against: the account as the database has it now.</summary>
public sealed record AccountState(string? SecurityStamp, bool Disabled, string? Role)
{
    /// <summary>The accounts of <paramref name="userIds"/> that exist, in one query.</summary>
    public static async Task<Dictionary<Guid, AccountState>> ReadAsync(LessonReviewDb db, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var rows = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.SecurityStamp, u.LockoutEnd, RoleId = db.UserRoles.Where(r => r.UserId == u.Id).Select(r => (Guid?)r.RoleId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(u => u.Id,
            u => new AccountState(u.SecurityStamp, u.LockoutEnd == DateTimeOffset.MaxValue, u.RoleId is { } id ? Roles.NameOf(id) : null));
    }
}
