using LessonReview.Core.Accounts;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Identity;

namespace LessonReview.Web.Accounts;

/// <summary>
/// What a coordinator changes about someone's account from the API or the People page: name, role,
/// switched off or on. Each change reaches the person's open sessions and live pages at once
/// (through <see cref="AccountService"/>). Refusals are sentences for the coordinator.
/// </summary>
public sealed class AccountAdmin(UserManager<User> users, AccountService accounts, IAccountChanges changes)
{
    public sealed record Change(string? Role = null, bool? Disabled = null, string? Name = null);

    /// <summary>An account as coordinators manage it.</summary>
    /// <param name="LastSignInAt">Null: never signed in.</param>
    public sealed record AccountDto(Guid Id, string Email, string Name, string Role, bool Disabled, DateTime CreatedAt, DateTime? LastSignInAt);

    /// <summary>Applies <paramref name="change"/> to <paramref name="userId"/>; (404 or 400, sentence) when it cannot.</summary>
    public async Task<(int Status, Message Problem)?> ApplyAsync(Guid coordinatorId, Guid userId, Change change, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return (StatusCodes.Status404NotFound, "There is no such account. Check the link, or find the person on the People page.");
        if (change.Role is { } role && !Roles.All.Contains(role)) return (400, new Message("Role must be one of: {0}.", string.Join(", ", Roles.All)));
        var name = change.Name?.Trim();
        if (change.Name is not null && string.IsNullOrEmpty(name)) return (400, "Give the person's name as others should see it.");
        if (name is { Length: > 200 }) return (400, new Message("The name is {0} characters long; keep it to {1}.", name.Length, 200));
        // A coordinator who switched themself off, or made themself a trainee, could lock everyone out.
        if (userId == coordinatorId && (change.Disabled == true || (change.Role is not null && change.Role != Roles.Coordinator)))
            return (400, "You cannot switch off your own account or give up your own coordinator role: ask another coordinator.");

        if (name is not null && name != user.Name)
        {
            user.Name = name;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded) return (400, string.Join(" ", updated.Errors.Select(e => e.Description)));
            await changes.ChangedAsync(user.Id, cancellationToken); // the name on their open pages
        }
        if (change.Role is { } newRole) await accounts.SetRoleAsync(user, newRole);
        if (change.Disabled == true && !user.IsDisabled) await accounts.DisableAsync(user, cancellationToken);
        if (change.Disabled == false && user.IsDisabled) await accounts.EnableAsync(user);
        return null;
    }

    public async Task<AccountDto?> ReadAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        return user is null ? null : new AccountDto(user.Id, user.Email ?? "", user.Name, await accounts.RoleOfAsync(user), user.IsDisabled, user.CreatedAt, user.LastSignInAt);
    }
}
