using LessonReview.Core.Accounts;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace LessonReview.Web.Accounts;

/// <summary>
/// A person's interface language and time zone, saved on their account. The session they are
/// using sees the change on the next page; their other sessions within Accounts:SessionCheckSeconds
/// (Identity's re-check rebuilds the claims). The session keeps its key, so open pages stay live.
/// </summary>
public sealed class AccountPreferences(UserManager<User> users, IUserClaimsPrincipalFactory<User> claims,
    DatabaseTicketStore sessions)
{
    /// <summary>Null when saved, otherwise what was wrong (a template for <see cref="SharedText"/>).</summary>
    public async Task<string?> SaveAsync(HttpContext http, string? language, string? timeZone)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null) return "Sign in again to save your settings.";
        var chosenLanguage = string.IsNullOrWhiteSpace(language) ? null : Languages.Normalize(language);
        if (!string.IsNullOrWhiteSpace(language) && chosenLanguage is null) return "Choose English or 日本語.";
        if (!string.IsNullOrWhiteSpace(timeZone) && TimeZones.Find(timeZone) is null) return "Choose a time zone from the list.";
        user.Language = chosenLanguage;
        user.TimeZone = string.IsNullOrWhiteSpace(timeZone) ? null : TimeZones.Find(timeZone)!.Id;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return "Your settings could not be saved. Try again.";
        await RefreshThisSessionAsync(http, user);
        return null;
    }

    /// <summary>Saves only the language (the header's switch), keeping the time zone.</summary>
    public async Task SaveLanguageAsync(HttpContext http, string language)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null) return;
        user.Language = language;
        if ((await users.UpdateAsync(user)).Succeeded) await RefreshThisSessionAsync(http, user);
    }

    private async Task RefreshThisSessionAsync(HttpContext http, User user)
    {
        var key = http.User.FindFirst(DatabaseTicketStore.SessionKeyClaim)?.Value;
        var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (key is null || current.Ticket is null) return;
        var principal = await claims.CreateAsync(user);
        await sessions.RenewAsync(key, new AuthenticationTicket(principal, current.Ticket.Properties, current.Ticket.AuthenticationScheme));
    }
}
