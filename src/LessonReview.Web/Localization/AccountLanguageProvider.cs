using LessonReview.Web.Accounts;
using Microsoft.AspNetCore.Localization;

namespace LessonReview.Web.Localization;

/// <summary>
/// A signed-in person's saved language (a claim, refreshed when they change it), before the
/// language cookie and the browser's Accept-Language: the choice follows them to any device.
/// </summary>
public sealed class AccountLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext http) =>
        Task.FromResult(Languages.Normalize(http.User.FindFirst(UserClaims.Language)?.Value) is { } language
            ? new ProviderCultureResult(language)
            : null);
}
