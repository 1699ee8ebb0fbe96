using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Accounts;

/// <summary>
/// Account administration on ASP.NET Core Identity's UserManager: create, list, change role,
/// disable and enable, reset a password. Each change that must reach open sessions either updates
/// the security stamp (checked every <c>Accounts:SessionCheckSeconds</c>) or ends the sessions at once.
/// </summary>
public sealed class AccountService(UserManager<User> users, LessonReviewDb db, IAccountChanges changes, IUserClaimsPrincipalFactory<User> principals)
{
    public const int MinimumPasswordLength = 8;

    public sealed record Account(Guid Id, string Email, string Name, string Role, string State, DateTime CreatedAt, DateTime? LastSignInAt = null, string? School = null)
    {
        public bool Disabled => State == DisabledState;
    }

    private const string DisabledState = "disabled";

    /// <summary>A new account; <see cref="AccountException"/> when the e-mail is taken or a detail is wrong.</summary>
    public async Task<User> CreateAsync(string email, string password, string role, string name, CancellationToken cancellationToken = default)
    {
        Throw(Validate(email, password, role, name));
        if (await FindAsync(email) is not null)
            throw new AccountException($"{email.Trim()} already has an account. Use `users set-role` or `users reset-password` to change it.");
        var user = new User { Email = email.Trim(), UserName = email.Trim(), Name = name.Trim() };
        Throw(await users.CreateAsync(user, password));
        Throw(await users.AddToRoleAsync(user, role));
        return user;
    }

    /// <summary>A new account with no password yet: the person sets one from an invitation link (<see cref="PasswordLinks"/>).</summary>
    public async Task<User> CreateInvitedAsync(string email, string role, string name, string? language, string? school = null)
    {
        Throw(DetailsProblem(email, role, name));
        var user = new User { Email = email.Trim(), UserName = email.Trim(), Name = name.Trim(), Language = language, School = school };
        Throw(await users.CreateAsync(user));
        Throw(await users.AddToRoleAsync(user, role));
        return user;
    }

    /// <summary>Creates the user, or sets name, role and password when the e-mail exists (the development accounts).</summary>
    public async Task<User> UpsertAsync(string email, string password, string role, string name, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(email);
        if (user is null) return await CreateAsync(email, password, role, name, cancellationToken);
        Throw(Validate(email, password, role, name));
        user.Name = name.Trim();
        Throw(await users.UpdateAsync(user));
        await SetRoleAsync(user, role);
        // A reset ends the account's sessions: only when the password really changes.
        if (!await users.CheckPasswordAsync(user, password)) await ResetPasswordAsync(user, password, cancellationToken);
        return user;
    }

    public Task<User?> FindAsync(string email) => users.FindByEmailAsync(email.Trim());

    /// <summary>The user, or an <see cref="AccountException"/> that says nobody has that address.</summary>
    public async Task<User> GetAsync(string email) =>
        await FindAsync(email) ?? throw new AccountException($"No account has the e-mail address {email.Trim()}. `users list` shows who has one.");

    public async Task<string> RoleOfAsync(User user) => (await users.GetRolesAsync(user)).SingleOrDefault() ?? "";

    /// <summary>Gives the user exactly <paramref name="role"/>; their open sessions have it from their next request on.</summary>
    public async Task SetRoleAsync(User user, string role)
    {
        if (!Roles.All.Contains(role)) throw new AccountException($"Role must be one of: {string.Join(", ", Roles.All)}.");
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role) return;
        if (current.Count > 0) Throw(await users.RemoveFromRolesAsync(user, current));
        Throw(await users.AddToRoleAsync(user, role));
        await DatabaseTicketStore.RefreshAllAsync(db, user.Id, await principals.CreateAsync(user));
        await changes.ChangedAsync(user.Id);
    }

    /// <summary>Switches the account off: no sign-in, and every open session ends now.</summary>
    public async Task DisableAsync(User user, CancellationToken cancellationToken = default)
    {
        Throw(await users.SetLockoutEnabledAsync(user, true));
        Throw(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        user.DisabledAt ??= DateTime.UtcNow;
        Throw(await users.UpdateSecurityStampAsync(user));
        await DatabaseTicketStore.EndAllAsync(db, user.Id, cancellationToken);
        await changes.ChangedAsync(user.Id, cancellationToken);
    }

    /// <summary>Switches the account back on and clears any lockout after failed sign-ins.</summary>
    public async Task EnableAsync(User user)
    {
        user.DisabledAt = null;
        Throw(await users.SetLockoutEndDateAsync(user, null));
        Throw(await users.ResetAccessFailedCountAsync(user));
    }

    /// <summary>Sets a new password; every open session of the account ends now.</summary>
    public async Task ResetPasswordAsync(User user, string password, CancellationToken cancellationToken = default)
    {
        Throw(PasswordProblem(password));
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Throw(await users.ResetPasswordAsync(user, token, password)); // also renews the security stamp
        Throw(await users.ResetAccessFailedCountAsync(user));
        await DatabaseTicketStore.EndAllAsync(db, user.Id, cancellationToken);
        await changes.ChangedAsync(user.Id, cancellationToken);
    }

    /// <summary>Every account with its role and state, by name.</summary>
    public async Task<List<Account>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        var rows = await db.Users
            .Select(u => new { u.Id, u.Email, u.Name, u.School, u.LockoutEnd, u.CreatedAt, u.LastSignInAt, RoleId = db.UserRoles.Where(r => r.UserId == u.Id).Select(r => (Guid?)r.RoleId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows
            .Select(u => new Account(u.Id, u.Email ?? "", u.Name, u.RoleId is { } id ? Roles.NameOf(id) : "", StateOf(u.LockoutEnd, now), u.CreatedAt, u.LastSignInAt, u.School))
            .OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();
    }

    private static string StateOf(DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        User.IsSwitchedOff(lockoutEnd) ? DisabledState
        : lockoutEnd > now ? $"locked until {lockoutEnd:yyyy-MM-dd HH:mm} UTC"
        : "active";

    /// <summary>What is wrong with these account details, in words, or null.</summary>
    public static string? Validate(string? email, string? password, string? role, string? name) =>
        PasswordProblem(password) is { } problem ? problem : DetailsProblem(email, role, name);

    /// <summary>What is wrong with an account's e-mail, role and name, in words, or null.</summary>
    public static string? DetailsProblem(string? email, string? role, string? name)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@')) return "Give an e-mail address such as name@example.org.";
        if (role is null || !Roles.All.Contains(role)) return $"Role must be one of: {string.Join(", ", Roles.All)}.";
        if (string.IsNullOrWhiteSpace(name)) return "Give the person's name as others should see it.";
        return null;
    }

    public static string? PasswordProblem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength
            ? $"Choose a password of at least {MinimumPasswordLength} characters."
            : null;

    private static void Throw(string? problem)
    {
        if (problem is not null) throw new AccountException(problem);
    }

    private static void Throw(IdentityResult result)
    {
        if (!result.Succeeded) throw new AccountException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}

/// <summary>An account change that cannot be made, with the reason in words.</summary>
public sealed class AccountException(string message) : Exception(message);
