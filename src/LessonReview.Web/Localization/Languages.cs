using System.Globalization;

namespace LessonReview.Web.Localization;

/// <summary>The interface languages LessonReview speaks.</summary>
public static class Languages
{
    public const string English = "en";
    public const string Japanese = "ja";
    public static readonly IReadOnlyList<string> All = [English, Japanese];

    /// <summary>"en" or "ja" for what a person or browser asked for ("ja-JP", "EN"), or null for anything else.</summary>
    public static string? Normalize(string? asked)
    {
        var code = asked?.Trim().Split('-', '_')[0].ToLowerInvariant();
        return code is English or Japanese ? code : null;
    }

    /// <summary>The language this request is answered in.</summary>
    public static string Current => Normalize(CultureInfo.CurrentUICulture.Name) ?? English;

    /// <summary>Each language's own name for itself, the same in every interface language, so a reader finds theirs.</summary>
    public static string NativeName(string code) => code == Japanese ? "日本語" : "English";
}
