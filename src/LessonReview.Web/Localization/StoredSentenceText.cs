using LessonReview.Core;
using Microsoft.Extensions.Localization;

namespace LessonReview.Web.Localization;

/// <summary>Writes a <see cref="StoredSentence"/> (a lesson's or an analysis's failure, a notification) in the reader's language.</summary>
public static class StoredSentenceText
{
    public static string Sentence(this IStringLocalizer text, string stored)
    {
        var (template, values) = StoredSentence.Decode(stored);
        return text[template, values.Cast<object>().ToArray()].Value;
    }
}
