using System.Globalization;

namespace LessonReview.Core.Lessons;

/// <summary>
/// Why a lesson failed, as <see cref="Lesson.Error"/> stores it: an English sentence template (the
/// web app's resource key) followed by its values, separated by the ASCII unit separator, so each
/// reader is shown the sentence in their language with the numbers in place. A plain sentence (no
/// values, or a row written before templates) is stored as it reads.
/// </summary>
public static class FailureReason
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
