using LessonReview.Core.Accounts;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Identity;

namespace LessonReview.Web.Accounts;

/// <summary>
/// What a coordinator changes about someone's account from the API or the People page: name, role,
/// switched off or on. Each change reaches the person's open sessions and live pages at once
/// (through <see cref="AccountService"/>). Refusals are sentences for the coordinator.
/// </summary>
public sealed class AccountAdmin(UserManager<User> users, AccountService accounts, IAccountChanges changes, PasswordLinks links)
{
    /// <param name="Mailed">The link to set a password was mailed; otherwise <paramref name="Link"/> is for the coordinator to pass on (no mail server).</param>
    public sealed record InvitationDto(AccountDto Account, bool Mailed, string? Link);

    /// <summary>Who is invited, as a coordinator typed it (the form, the API or a CSV line).</summary>
    /// <param name="Language">"en" or "ja": the invitation's language and the account's until they choose.</param>
    public sealed record Invitee(string? Email, string? Name, string? Role, string? Language = null, string? School = null);

    /// <summary>
    /// A new account with no password: the person sets one from the link mailed to them, in the
    /// invitee's language (or English). Refused in words (400, or 409 when the address has an account).
    /// </summary>
    public async Task<(InvitationDto? Invited, (int Status, Message Problem)? Refused)> InviteAsync(string invitedBy, Invitee invitee, CancellationToken cancellationToken)
    {
        if (InvitationProblem(invitee) is { } problem) return (null, (400, problem));
        var email = invitee.Email!.Trim();
        if (await accounts.FindAsync(email) is not null)
            return (null, (StatusCodes.Status409Conflict, new Message("{0} already has an account: find them on the People page.", email)));
        var user = await accounts.CreateInvitedAsync(email, invitee.Role!, invitee.Name!, Languages.Normalize(invitee.Language), Blank(invitee.School));
        var sent = await links.SendAsync(user, invitedBy, cancellationToken);
        return (new InvitationDto((await ReadAsync(user.Id))!, sent.Mailed, sent.Link), null);
    }

    /// <summary>Mails a link to set a new password (or the invitation again, to someone who never set one).</summary>
    public async Task<(PasswordLinks.Sent? Sent, (int Status, Message Problem)? Refused)> SendPasswordLinkAsync(string sentBy, Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return (null, (StatusCodes.Status404NotFound, "There is no such account. Check the link, or find the person on the People page."));
        if (user.IsDisabled) return (null, (StatusCodes.Status409Conflict, "This account is switched off. Switch it on first, then send the link."));
        return (await links.SendAsync(user, sentBy, cancellationToken), null);
    }

    private static Message? SchoolProblem(string? school) =>
        school?.Trim() is { Length: > 200 } long_ ? new Message("The school's name is {0} characters long; keep it to {1}.", long_.Length, 200) : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>What is wrong with an invitation's details (the CSV import's rows too), or null.</summary>
    public static Message? InvitationProblem(Invitee invitee)
    {
        var (email, name, role, language) = (invitee.Email, invitee.Name, invitee.Role, invitee.Language);
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@') || !MimeKit.MailboxAddress.TryParse(email.Trim(), out _))
            return "Give an e-mail address such as name@example.org.";
        if (string.IsNullOrWhiteSpace(name)) return "Give the person's name as others should see it.";
        if (name.Trim().Length > 200) return new Message("The name is {0} characters long; keep it to {1}.", name.Trim().Length, 200);
        if (role is null || !Roles.All.Contains(role)) return new Message("Role must be one of: {0}.", string.Join(", ", Roles.All));
        if (!string.IsNullOrWhiteSpace(language) && Languages.Normalize(language) is null)
            return new Message("Language must be one of: {0} (or empty: English until they choose).", string.Join(", ", Languages.All));
        return SchoolProblem(invitee.School);
    }

    /// <param name="School">Empty clears it.</param>
    public sealed record Change(string? Role = null, bool? Disabled = null, string? Name = null, string? School = null);

    /// <summary>An account as coordinators manage it.</summary>
    /// <param name="LastSignInAt">Null: never signed in.</param>
    public sealed record AccountDto(Guid Id, string Email, string Name, string Role, bool Disabled, DateTime CreatedAt, DateTime? LastSignInAt, string? School);

    /// <summary>Applies <paramref name="change"/> to <paramref name="userId"/>; (404 or 400, sentence) when it cannot.</summary>
    public async Task<(int Status, Message Problem)?> ApplyAsync(Guid coordinatorId, Guid userId, Change change, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return (StatusCodes.Status404NotFound, "There is no such account. Check the link, or find the person on the People page.");
        if (change.Role is { } role && !Roles.All.Contains(role)) return (400, new Message("Role must be one of: {0}.", string.Join(", ", Roles.All)));
        var name = change.Name?.Trim();
        if (change.Name is not null && string.IsNullOrEmpty(name)) return (400, "Give the person's name as others should see it.");
        if (name is { Length: > 200 }) return (400, new Message("The name is {0} characters long; keep it to {1}.", name.Length, 200));
        if (SchoolProblem(change.School) is { } wrongSchool) return (400, wrongSchool);
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
        if (change.School is not null && Blank(change.School) != user.School)
        {
            user.School = Blank(change.School);
            await users.UpdateAsync(user);
        }
        if (change.Role is { } newRole) await accounts.SetRoleAsync(user, newRole);
        if (change.Disabled == true && !user.IsDisabled) await accounts.DisableAsync(user, cancellationToken);
        if (change.Disabled == false && user.IsDisabled) await accounts.EnableAsync(user);
        return null;
    }

    public async Task<AccountDto?> ReadAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        return user is null ? null : new AccountDto(user.Id, user.Email ?? "", user.Name, await accounts.RoleOfAsync(user), user.IsDisabled, user.CreatedAt, user.LastSignInAt, user.School);
    }
}
