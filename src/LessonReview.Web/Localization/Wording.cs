using System.Globalization;

namespace LessonReview.Web.Localization;

/// <summary>Writes text for someone other than the person asking (a mail to a mentor): in their language, whatever the request's.</summary>
public static class Wording
{
    public static T In<T>(string? language, Func<T> write)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var chosen = new CultureInfo(Languages.Normalize(language) ?? Languages.English);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = chosen;
        try { return write(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture); }
    }
}
