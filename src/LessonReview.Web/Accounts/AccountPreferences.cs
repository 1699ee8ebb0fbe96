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
    public Task<string?> SaveAsync(HttpContext http, string? language, string? timeZone)
    {
        var chosenLanguage = string.IsNullOrWhiteSpace(language) ? null : Languages.Normalize(language);
        if (!string.IsNullOrWhiteSpace(language) && chosenLanguage is null) return Task.FromResult<string?>("Choose English or 日本語.");
        var zone = string.IsNullOrWhiteSpace(timeZone) ? null : TimeZones.Find(timeZone);
        if (!string.IsNullOrWhiteSpace(timeZone) && zone is null) return Task.FromResult<string?>("Choose a time zone from the list.");
        return UpdateAsync(http, user => (user.Language, user.TimeZone) = (chosenLanguage, zone?.Id));
    }

    /// <summary>Saves only the language (the header's switch), keeping the time zone.</summary>
    public Task SaveLanguageAsync(HttpContext http, string language) => UpdateAsync(http, user => user.Language = language);

    private async Task<string?> UpdateAsync(HttpContext http, Action<User> change)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null) return "Sign in again to save your settings.";
        change(user);
        if (!(await users.UpdateAsync(user)).Succeeded) return "Your settings could not be saved. Try again.";
        await RefreshThisSessionAsync(http, user);
        return null;
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
