using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace LessonReview.Web.Localization;

/// <summary>
/// ASP.NET Core localization in English and Japanese. The language of a request is, in order: the
/// signed-in person's saved choice, the language cookie (set by the header's language switch, so
/// the sign-in page too can be Japanese), the browser's Accept-Language, English.
/// </summary>
public static class LocalizationSetup
{
    public const string LanguageCookie = "lessonreview-language";

    public static IServiceCollection AddLessonReviewLocalization(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LocalizationSettings.Section);
        var options = section.Get<LocalizationSettings>() ?? new LocalizationSettings();
        if (TimeZones.Find(options.DefaultTimeZone) is null)
            throw new InvalidOperationException(
                $"Localization:DefaultTimeZone '{options.DefaultTimeZone}' is not a time zone this machine knows: use an IANA name such as Asia/Tokyo.");
        services.Configure<LocalizationSettings>(section);
        services.AddLocalization();
        // Japanese as characters, not &#x…; entities: half the bytes, and a page source people can read.
        // (The encoder still escapes the characters HTML gives meaning to.)
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<ViewerTime>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Languages.All.Select(code => new CultureInfo(code)).ToList();
            o.DefaultRequestCulture = new RequestCulture(Languages.English);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true; // ja-JP → ja, en-GB → en
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new AccountLanguageProvider(),
                new CookieRequestCultureProvider { CookieName = LanguageCookie },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Remembers this browser's language for a year (signed out too); null forgets it (follow the browser).</summary>
    public static void RememberLanguage(HttpResponse response, string? language)
    {
        if (language is null) { response.Cookies.Delete(LanguageCookie); return; }
        response.Cookies.Append(LanguageCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true,
            Secure = response.HttpContext.Request.IsHttps,
        });
    }
}
