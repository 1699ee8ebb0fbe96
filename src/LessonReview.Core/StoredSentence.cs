using System.Globalization;

namespace LessonReview.Core;

/// <summary>
/// A sentence kept for a reader not yet known: its English template (the web app's resource key)
/// followed by its values, separated by the ASCII unit separator, so each reader is shown it in their
/// language with the values in place. Lesson failure reasons and notifications are stored this way.
/// A plain sentence (no values) is stored as it reads.
/// </summary>
public static class StoredSentence
{
    private const char Separator = '\u001F';

    public static string Encode(string template, IEnumerable<string> values) =>
        string.Join(Separator, values.Prepend(template));

    public static (string Template, string[] Values) Decode(string stored)
    {
        var parts = stored.Split(Separator);
        return (parts[0], parts[1..]);
    }

    /// <summary>The sentence in English, values in place (logs, hub messages, command line).</summary>
    public static string English(string stored)
    {
        var (template, values) = Decode(stored);
        return values.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, values);
    }
}
