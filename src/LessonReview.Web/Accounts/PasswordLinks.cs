using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Core.Notifications;
using LessonReview.Web.Localization;
using LessonReview.Web.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Accounts;

/// <summary>
/// Links to set a password: an invitation (a new account, no password yet; Accounts:InvitationDays)
/// or a reset (Accounts:PasswordResetHours). Both are ASP.NET Core Identity tokens, which carry the
/// account's security stamp: setting the password renews it, so each link works once. The link is
/// mailed in the person's language through the outbox; with no mail server the caller gets it to pass on.
/// </summary>
public sealed class PasswordLinks(UserManager<User> users, AccountService accounts, LessonReviewDb db, IOptions<EmailOptions> email,
    IOptions<AccountsOptions> options, MailSignal mailSignal, IStringLocalizer<SharedText> text, TimeProvider clock)
{
    public const string InvitationProvider = "Invitation";
    private const string InvitationPurpose = "set-first-password";
    public const string Invite = "invite";
    public const string Reset = "reset";

    /// <param name="Mailed">The link went to the outbox; otherwise <paramref name="Link"/> is for the coordinator to pass on.</param>
    public sealed record Sent(bool Mailed, string? Link);

    /// <summary>Mails a link to set the first password (or a new one, for an account that has one); the caller saves nothing.</summary>
    /// <param name="askersLanguage">
    /// The language of the page the person asked from themselves (forgot password), for an account
    /// with no language saved; null when someone else sends it (their page's language is not the reader's).
    /// </param>
    public async Task<Sent> SendAsync(User user, string invitedBy, CancellationToken cancellationToken, string? askersLanguage = null)
    {
        var invitation = !await users.HasPasswordAsync(user);
        var token = invitation
            ? await users.GenerateUserTokenAsync(user, InvitationProvider, InvitationPurpose)
            : await users.GeneratePasswordResetTokenAsync(user);
        var path = $"/password?kind={(invitation ? Invite : Reset)}&user={user.Id}&token={Uri.EscapeDataString(token)}";
        if (!email.Value.Enabled || !MimeKit.MailboxAddress.TryParse(user.Email, out _)) return new Sent(false, path);

        var link = email.Value.Link(path);
        var (subject, body) = Wording.In(user.Language ?? askersLanguage, () => invitation
            ? (text["{0} invited you to LessonReview", invitedBy].Value, string.Join("\n",
                text["{0} invited you to LessonReview, where ALTs and their mentors review recorded lessons together.", invitedBy].Value, "",
                text["Set your password here (the link works for {0} days, once):", options.Value.InvitationDays].Value, link, "",
                text["You sign in with your e-mail address: {0}", user.Email!].Value))
            : (text["Set a new LessonReview password"].Value, string.Join("\n",
                text["A new password was asked for the LessonReview account {0}.", user.Email!].Value, "",
                text["Set it here (the link works for {0} hours, once):", options.Value.PasswordResetHours].Value, link, "",
                text["If you did not ask for it, ignore this mail: your password stays as it is."].Value)));
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutgoingMail.Add(new OutgoingMail { UserId = user.Id, To = user.Email!, Subject = subject, Body = body, AvailableAt = now, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        mailSignal.Notify();
        return new Sent(true, null);
    }

    /// <summary>Whether the link is still good (the page says so before anyone types a password).</summary>
    public async Task<User?> CheckAsync(string? kind, Guid userId, string? token)
    {
        if (string.IsNullOrEmpty(token) || kind is not (Invite or Reset)) return null;
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.IsDisabled) return null;
        var valid = kind == Invite
            ? !await users.HasPasswordAsync(user) && await users.VerifyUserTokenAsync(user, InvitationProvider, InvitationPurpose, token)
            : await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<User>.ResetPasswordTokenPurpose, token);
        return valid ? user : null;
    }

    /// <summary>
    /// Sets the password the link allows. Problem null: done. Otherwise what is wrong (a SharedText
    /// sentence), with the link's account when the link itself still works (the form is shown again).
    /// </summary>
    public async Task<(User? User, Message? Problem)> SetAsync(string? kind, Guid userId, string? token, string? password, string? again, CancellationToken cancellationToken)
    {
        var user = await CheckAsync(kind, userId, token);
        if (user is null) return (null, Expired);
        if (AccountService.PasswordProblem(password) is not null) return (user, new Message("Choose a password of at least {0} characters.", AccountService.MinimumPasswordLength));
        if (password != again) return (user, "The two passwords differ. Type the same password twice.");
        if (kind == Invite)
        {
            var added = await users.AddPasswordAsync(user, password!);
            if (!added.Succeeded) return (user, string.Join(" ", added.Errors.Select(e => e.Description)));
            await users.UpdateSecurityStampAsync(user); // the invitation link is spent
        }
        else
        {
            await accounts.ResetPasswordAsync(user, password!, cancellationToken); // ends every open session
        }
        return (user, null);
    }

    public static readonly Message Expired = "This link has expired or was already used. Ask your coordinator for a new one, or use “Forgot your password?” on the sign-in page.";
}

/// <summary>Invitation links: an Identity data-protection token with its own lifespan (Accounts:InvitationDays).</summary>
public sealed class InvitationTokenProvider(IDataProtectionProvider protection, IOptions<InvitationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<User>> log) : DataProtectorTokenProvider<User>(protection, options, log);

public sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions;
