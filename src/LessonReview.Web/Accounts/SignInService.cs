using LessonReview.Core.Accounts;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Accounts;

/// <summary>
/// Password sign-in for the API and the sign-in page, on Identity's SignInManager: repeated wrong
/// passwords lock the account for a while (Accounts:MaxFailedSignIns, Accounts:LockoutMinutes).
/// Its messages are in the asker's language.
/// </summary>
public sealed class SignInService(SignInManager<User> signIn, UserManager<User> users, IAccountChanges changes, TimeProvider clock,
    LessonReview.Core.Data.LessonReviewDb db, IStringLocalizer<SharedText> text)
{
    public sealed record Outcome(bool Succeeded, int Status, string Title, string Message, TimeSpan? RetryAfter = null);

    public const string WrongPassword =
        "That e-mail and password do not match an account. Check both and try again, or ask your coordinator to reset your password.";

    public async Task<Outcome> SignInAsync(string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return new(false, StatusCodes.Status400BadRequest, text["Sign-in failed"], text["Give both your e-mail address and your password."]);
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            users.PasswordHasher.HashPassword(new User(), password); // the same cost as a real check: timing does not tell who has an account
            return Failed();
        }
        if (user.IsDisabled)
            // Say so only to someone who knows the password; anyone else learns nothing about the account.
            return await users.CheckPasswordAsync(user, password)
                ? new(false, StatusCodes.Status403Forbidden, text["Account switched off"], text["Your account is switched off. Ask your coordinator to switch it on again."])
                : Failed();

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // Written with one UPDATE: the Identity user row keeps its concurrency stamp and security stamp.
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, now));
            return new(true, StatusCodes.Status204NoContent, "", "");
        }
        if (result.IsLockedOut)
        {
            var wait = (user.LockoutEnd ?? clock.GetUtcNow()) - clock.GetUtcNow();
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            return new(false, StatusCodes.Status429TooManyRequests, text["Sign-in paused"],
                minutes == 1
                    ? text["Too many wrong passwords for this account: sign-in is paused for 1 minute. Try again then, or ask your coordinator to reset your password."]
                    : text["Too many wrong passwords for this account: sign-in is paused for {0} minutes. Try again then, or ask your coordinator to reset your password.", minutes],
                wait > TimeSpan.Zero ? wait : null);
        }
        return Failed();
    }

    /// <summary>Ends this session; its live pages (here or in a copied cookie's browser) are told at once.</summary>
    public async Task SignOutAsync()
    {
        var userId = Caller.From(signIn.Context.User)?.Id;
        await signIn.SignOutAsync();
        if (userId is { } id) await changes.ChangedAsync(id);
    }

    private Outcome Failed() => new(false, StatusCodes.Status401Unauthorized, text["Sign-in failed"], text[WrongPassword]);
}
