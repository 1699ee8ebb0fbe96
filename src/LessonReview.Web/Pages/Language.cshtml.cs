using LessonReview.Web.Accounts;
using LessonReview.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LessonReview.Web.Pages;

/// <summary>
/// The header's language switch: a cookie for this browser (so the sign-in page follows it) and,
/// for someone signed in, their saved choice (so every device follows it).
/// </summary>
public sealed class LanguageModel(AccountPreferences preferences) : PageModel
{
    public IActionResult OnGet() => Redirect("/settings");

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        if (Languages.Normalize(language) is not { } chosen) return LocalRedirect(back);
        LocalizationSetup.RememberLanguage(Response, chosen);
        if (User.Identity?.IsAuthenticated == true) await preferences.SaveLanguageAsync(HttpContext, chosen);
        return LocalRedirect(back);
    }
}
