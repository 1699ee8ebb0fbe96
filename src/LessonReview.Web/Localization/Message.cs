using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LessonReview.Web.Localization;

/// <summary>
/// A sentence for a person, kept as its English template (the <see cref="SharedText"/> key) and
/// its values until it is written, so it can be written in the reader's language with the values
/// where that language puts them. A plain string is a message without values.
/// </summary>
public sealed record Message(string Template, params object[] Values)
{
    public static implicit operator Message(string sentence) => new(sentence);

    /// <summary>The English sentence (logs, the command line, and problem details before translation).</summary>
    public override string ToString() =>
        Values.Length == 0 ? Template : string.Format(CultureInfo.InvariantCulture, Template, Values);

    /// <summary>
    /// Problem details whose detail is this message: <see cref="ProblemTranslation"/> writes it in
    /// the asker's language (the template and values travel in extensions it removes).
    /// </summary>
    public ProblemHttpResult Problem(int status, string? title = null)
    {
        var extensions = new Dictionary<string, object?>();
        CarryIn(extensions);
        return TypedResults.Problem(ToString(), statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>Puts the template and values where <see cref="ProblemTranslation"/> looks for them (nothing for a fixed sentence).</summary>
    public void CarryIn(IDictionary<string, object?> extensions)
    {
        if (Values.Length == 0) return;
        extensions[TemplateKey] = Template;
        extensions[ValuesKey] = Values;
    }

    internal const string TemplateKey = "lessonreview:template";
    internal const string ValuesKey = "lessonreview:values";
}
