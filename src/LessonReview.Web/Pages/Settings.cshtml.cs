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
    IStringLocalizer<SharedText> text) : PageModel
{
    public string? Language { get; private set; }
    public string? TimeZone { get; private set; }
    public string DefaultTimeZone => options.Value.DefaultTimeZone;
    public bool Saved { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(bool saved = false)
    {
        Saved = saved;
        var user = await users.GetUserAsync(User);
        (Language, TimeZone) = (user?.Language, user?.TimeZone);
    }

    public async Task<IActionResult> OnPostAsync(string? language, string? timeZone)
    {
        if (await preferences.SaveAsync(HttpContext, language, timeZone) is { } problem)
        {
            (Language, TimeZone, Error) = (language, timeZone, text[problem]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // The chosen language decides the next page's words, and the cookie keeps it after sign-out.
        LocalizationSetup.RememberLanguage(Response, Languages.Normalize(language));
        return RedirectToPage(new { saved = true });
    }
}
