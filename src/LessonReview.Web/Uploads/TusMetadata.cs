using System.Globalization;
using System.Text;
using LessonReview.Web.Localization;

namespace LessonReview.Web.Uploads;

/// <summary>
/// The tus <c>Upload-Metadata</c> header: comma-separated "key base64(value)" pairs, value optional.
/// LessonReview reads <c>filename</c>, <c>title</c>, <c>lessonDate</c>, <c>nextLessonDate</c> and
/// <c>consent</c> (<c>confirmed</c>: the trainee confirms the school's consent rule for filming this class; required).
/// </summary>
public sealed record TusMetadata(string Filename, string Title, DateOnly? LessonDate, DateOnly? NextLessonDate)
{
    public const int MaxTitleLength = 200;
    public const int MaxFilenameLength = 255;

    /// <summary>Parses the header; returns a sentence saying what is wrong, or the metadata.</summary>
    public static (TusMetadata? Metadata, Message? Problem) Parse(string? header)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = part.IndexOf(' ');
            var key = space < 0 ? part : part[..space];
            try
            {
                pairs[key] = space < 0 ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(part[(space + 1)..]));
            }
            catch (FormatException)
            {
                return (null, new Message("Upload-Metadata value for '{0}' is not base64: encode each value as base64 of its UTF-8 text.", key));
            }
        }

        // Recordings of minors: nothing is stored until the trainee has confirmed the school allows it.
        if (pairs.GetValueOrDefault("consent") != "confirmed")
            return (null, "Confirm that the school's consent rule allows this class to be filmed (metadata consent: confirmed) before uploading the recording.");
        var filename = Path.GetFileName(pairs.GetValueOrDefault("filename") ?? "").Trim();
        if (filename.Length == 0) filename = "recording";
        if (filename.Length > MaxFilenameLength) filename = filename[^MaxFilenameLength..];
        var title = (pairs.GetValueOrDefault("title") ?? "").Trim();
        if (title.Length == 0) title = Path.GetFileNameWithoutExtension(filename);
        if (title.Length > MaxTitleLength) return (null, new Message("The title is {0} characters long; keep it to {1}.", title.Length, MaxTitleLength));

        if (!TryDate(pairs, "lessonDate", out var lessonDate, out var problem)) return (null, problem);
        if (!TryDate(pairs, "nextLessonDate", out var nextLessonDate, out problem)) return (null, problem);
        if (lessonDate is not null && nextLessonDate is not null && nextLessonDate < lessonDate)
            return (null, "The next lesson date is before this lesson's date. Check both dates.");
        return (new TusMetadata(filename, title, lessonDate, nextLessonDate), null);
    }

    private static bool TryDate(Dictionary<string, string> pairs, string key, out DateOnly? date, out Message? problem)
    {
        (date, problem) = (null, null);
        if (!pairs.TryGetValue(key, out var text) || text.Length == 0) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        problem = new Message("The {0} '{1}' is not a date: use the form 2026-04-15.", key, text);
        return false;
    }
}
