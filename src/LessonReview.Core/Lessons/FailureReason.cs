namespace LessonReview.Core.Lessons;

/// <summary>
/// Why a lesson failed, as <see cref="Lesson.Error"/> stores it: a <see cref="StoredSentence"/>, so
/// each reader is shown the reason in their language with the numbers in place.
/// </summary>
public static class FailureReason
{
    public static string Encode(string template, IEnumerable<string> values) => StoredSentence.Encode(template, values);

    public static (string Template, string[] Values) Decode(string stored) => StoredSentence.Decode(stored);

    /// <summary>The sentence in English, values in place (logs, hub messages, command line).</summary>
    public static string English(string stored) => StoredSentence.English(stored);
}
