using System.Globalization;

namespace LessonReview.Media.Playback;

/// <summary>
/// The upload can never become a lesson video (not a video, no picture, cut short).
/// The message is written for the trainee who uploaded it; retrying will not help. It is kept as an
/// English template with its values (<see cref="Template"/>, <see cref="Values"/>) so that each
/// reader can be shown it in their own language.
/// </summary>
public sealed class UnplayableMediaException : Exception
{
    public UnplayableMediaException(string message, Exception? inner = null) : this(message, [], inner) { }

    /// <param name="template">An English sentence with {0}, {1}… where the values go (a resource key of the web app).</param>
    public UnplayableMediaException(string template, object[] values, Exception? inner = null)
        : base(values.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, values), inner)
    {
        Template = template;
        Values = values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList();
    }

    public string Template { get; }
    public IReadOnlyList<string> Values { get; }
}
