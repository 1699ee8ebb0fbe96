using System.Resources;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Localization;

/// <summary>The <see cref="ScriptText"/> translations of one language as a JSON object, English key → text.</summary>
public static class ScriptTextJson
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Cache = new();

    // Japanese as characters; this encoder still escapes < > & ' " (so no "</script>" can appear).
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>"{}" for English (the keys are the English); System.Text.Json escapes &lt; and &gt;, so the JSON cannot close its script element.</summary>
    public static string For(IStringLocalizer<ScriptText> words, string language) =>
        language == Languages.English ? "{}" : Cache.GetOrAdd(language, _ =>
        {
            try
            {
                return JsonSerializer.Serialize(words.GetAllStrings(includeParentCultures: false)
                    .ToDictionary(s => s.Name, s => s.Value), Options);
            }
            catch (MissingManifestResourceException) { return "{}"; }
        });
}
