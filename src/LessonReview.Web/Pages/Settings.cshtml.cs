using LessonReview.Core.Accounts;
using LessonReview.Web.Accounts;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Pages;

/// <summary>A person's own settings: interface language and time zone, saved on their account.</summary>
[Authorize]
public sealed class SettingsModel(UserManager<User> users, AccountPreferences preferences, IOptions<LocalizationSettings> options,
    IOptions<Notifications.EmailOptions> email, IStringLocalizer<SharedText> text) : PageModel
{
    /// <summary>Whether this server mails at all (Email:Smtp:Host).</summary>
    public bool EmailEnabled => email.Value.Enabled;
    /// <summary>The kinds this person's role receives, and whether each is mailed.</summary>
    public IReadOnlyList<(string Kind, bool Mailed)> EmailKinds { get; private set; } = [];
    public bool EmailSaved { get; private set; }

    public string? Language { get; private set; }
    public string? TimeZone { get; private set; }
    public string DefaultTimeZone => options.Value.DefaultTimeZone;
    public bool Saved { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(bool saved = false, bool emailSaved = false)
    {
        (Saved, EmailSaved) = (saved, emailSaved);
        var user = await users.GetUserAsync(User);
        (Language, TimeZone) = (user?.Language, user?.TimeZone);
        if (user is not null) EmailKinds = KindsOf(user);
    }

    /// <summary>The e-mail form: the kinds ticked are mailed, the others only listed in the app.</summary>
    public async Task<IActionResult> OnPostEmailAsync(string[]? mailed)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var offered = Core.Notifications.NotificationKinds.For(Caller.Of(User).Role);
        var kept = user.EmailOptOuts.Split(' ', StringSplitOptions.RemoveEmptyEntries).Except(offered); // kinds of another role stay as they were
        user.EmailOptOuts = string.Join(' ', kept.Concat(offered.Except(mailed ?? [])));
        if (!(await users.UpdateAsync(user)).Succeeded)
        {
            (Language, TimeZone, EmailKinds, Error) = (user.Language, user.TimeZone, KindsOf(user), text["Your settings could not be saved. Try again."]);
            Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Page();
        }
        return Redirect(Url.Page("/Settings", new { emailSaved = true }) + "#email");
    }

    private List<(string, bool)> KindsOf(User user) => Core.Notifications.NotificationKinds.For(Caller.Of(User).Role)
        .Select(k => (k, !Notifications.Notifier.OptedOut(user.EmailOptOuts, k))).ToList();

    public async Task<IActionResult> OnPostAsync(string? language, string? timeZone)
    {
        if (await preferences.SaveAsync(HttpContext, language, timeZone) is { } problem)
        {
            (Language, TimeZone, Error) = (language, timeZone, text[problem]);
            if (await users.GetUserAsync(User) is { } user) EmailKinds = KindsOf(user);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // The chosen language decides the next page's words, and the cookie keeps it after sign-out.
        LocalizationSetup.RememberLanguage(Response, Languages.Normalize(language));
        return RedirectToPage(new { saved = true });
    }
}
