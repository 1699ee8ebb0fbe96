using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Accounts;

/// <summary>
/// Keeps sign-in tickets in the database (table user_sessions) so the cookie holds only a random
/// key. Signing out deletes the row: a copied cookie stops working at once, on every instance.
/// Disabling an account or resetting its password deletes all of its rows (<see cref="EndAllAsync"/>).
/// One indexed read per authenticated request is the price.
/// </summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    /// <summary>The claim that carries the session's key on a principal read from the store.</summary>
    public const string SessionKeyClaim = "lessonreview:session";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        // Forget sessions that expired without a sign-out; cheap on the ExpiresAt index, and sign-ins are rare.
        await db.UserSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        db.UserSessions.Add(new UserSession { Id = key, UserId = UserIdOf(ticket), Ticket = Serialize(ticket), ExpiresAt = ExpiresAt(ticket) });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var bytes = Serialize(ticket);
        var expires = ExpiresAt(ticket);
        // A session ended meanwhile (sign-out elsewhere) stays ended: renewing updates, never inserts.
        await db.UserSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var session = await db.UserSessions.AsNoTracking().Where(s => s.Id == key).Select(s => new { s.Ticket, s.ExpiresAt }).SingleOrDefaultAsync();
        if (session is null || session.ExpiresAt < clock.GetUtcNow().UtcDateTime) return null;
        var ticket = TicketSerializer.Default.Deserialize(session.Ticket);
        // Which session this is, for connections that outlive the request (live pages: HubSessionCheck).
        if (ticket?.Principal.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SessionKeyClaim))
            identity.AddClaim(new System.Security.Claims.Claim(SessionKeyClaim, key));
        return ticket;
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LessonReviewDb>().UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    /// <summary>Ends every session of <paramref name="userId"/> (account disabled, password reset).</summary>
    public static Task<int> EndAllAsync(LessonReviewDb db, Guid userId, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// Puts <paramref name="fresh"/> (the user as they are now: a new role) into every open session of
    /// theirs, so their next request already has it, instead of at the next periodic check: a demoted
    /// coordinator must not keep a minute of coordinator powers. How they signed in (amr) is kept.
    /// </summary>
    public static async Task RefreshAllAsync(LessonReviewDb db, Guid userId, System.Security.Claims.ClaimsPrincipal fresh, CancellationToken cancellationToken = default)
    {
        foreach (var session in await db.UserSessions.Where(s => s.UserId == userId).ToListAsync(cancellationToken))
        {
            if (TicketSerializer.Default.Deserialize(session.Ticket) is not { } old) continue;
            var identity = new System.Security.Claims.ClaimsIdentity(fresh.Identity as System.Security.Claims.ClaimsIdentity);
            identity.AddClaims(old.Principal.FindAll("amr").Where(c => !identity.HasClaim("amr", c.Value)));
            session.Ticket = Serialize(new AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(identity), old.Properties, old.AuthenticationScheme));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static byte[] Serialize(AuthenticationTicket ticket) => TicketSerializer.Default.Serialize(ticket);

    private static DateTime? ExpiresAt(AuthenticationTicket ticket) => ticket.Properties.ExpiresUtc?.UtcDateTime;

    private static Guid UserIdOf(AuthenticationTicket ticket) =>
        Guid.TryParse(ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id)
            ? id
            : throw new InvalidOperationException("A sign-in ticket without a user id cannot be stored.");
}
