using LessonReview.Web.Hosting;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using LessonReview.Web.Localization;
using static LessonReview.Web.Reviews.ReviewProblems;

namespace LessonReview.Web.Reviews;

/// <summary>A review's feedback as CSV (for spreadsheets) and WebVTT (comments as cues on the video).</summary>
public static class ExportsApi
{
    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reviews/{id:guid}").WithTags("Exports").RequireAuthorization();
        api.MapGet("/export.csv", Csv).WithName("ExportReviewCsv").WithSummary("Comments and action items as UTF-8 CSV.");
        api.MapGet("/export.vtt", Vtt).WithName("ExportReviewVtt").WithSummary("Comments as WebVTT cues.");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Csv(Guid id, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        if (found is null) return NotFound();
        var review = await s.Reader.ReadAsync(found.Review, found.Lesson, s.Aborted);
        var csv = new StringBuilder();
        // Headers and words in the reader's language (a coordinator's spreadsheet in Japanese); the columns stay in this order.
        var t = s.Text;
        CsvFile.Row(csv, t["Type"], t["Time"], t["End"], t["Kind"], t["Author"], t["Text"], t["Status"], t["Due"], t["Acknowledged"]);
        foreach (var c in review.Comments)
            CsvFile.Row(csv, t["Comment"], Timecode(c.AtSeconds), c.EndSeconds is { } e ? Timecode(e) : "", t[Words.Kind(c.Kind)], c.AuthorName, c.Text, "", "", c.AcknowledgedAt is null ? t["no"] : t["yes"]);
        foreach (var i in review.ActionItems)
        {
            // The moment it comes from: its first linked comment's, as on the page.
            var from = MomentOf(i, review.Comments);
            CsvFile.Row(csv, t["Action item"], from is null ? "" : Timecode(from.AtSeconds), from?.EndSeconds is { } end ? Timecode(end) : "", "", "",
                i.Text, t[i.Status], i.DueDate?.ToString("yyyy-MM-dd") ?? "", i.AcknowledgedAt is null ? t["no"] : t["yes"]);
        }
        return TypedResults.File(CsvFile.Bytes(csv), "text/csv; charset=utf-8", FileName(review.LessonTitle, "csv"));
    }

    /// <summary>The comment an action item comes from (its first linked one still there), or null.</summary>
    public static CommentDto? MomentOf(ActionItemDto item, IReadOnlyList<CommentDto> comments) =>
        item.CommentIds.Select(id => comments.FirstOrDefault(c => c.Id == id)).FirstOrDefault(c => c is not null);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Vtt(Guid id, [AsParameters] ReviewServices s)
    {
        var found = await s.FindAsync(id);
        if (found is null) return NotFound();
        var comments = await s.Reader.CommentsAsync(id, s.Aborted);
        var vtt = new StringBuilder("WEBVTT\n\n");
        foreach (var c in comments)
        {
            var end = c.EndSeconds ?? c.AtSeconds + 4;
            vtt.Append(CultureInfo.InvariantCulture,
                $"{c.Id}\n{Cue(c.AtSeconds)} --> {Cue(end)}\n[{CueText(s.Text[Words.Kind(c.Kind)], oneLine: true)}] {CueText(c.AuthorName, oneLine: true)}: {CueText(c.Text, oneLine: false)}\n\n");
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(vtt.ToString()), "text/vtt; charset=utf-8", FileName(found.Lesson.Title, "vtt"));
    }

    /// <summary>
    /// Cue text as WebVTT needs it: &amp;, &lt; and &gt; escaped (so "-->" and tags cannot appear), no
    /// blank line (it would end the cue), and for names and kinds no line break at all.
    /// </summary>
    internal static string CueText(string value, bool oneLine)
    {
        var text = value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "");
        if (oneLine) return text.Replace('\n', ' ');
        while (text.Contains("\n\n")) text = text.Replace("\n\n", "\n");
        return text;
    }

    internal static string Timecode(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Floor(seconds));
        return t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : $"{(int)t.TotalMinutes}:{t.Seconds:00}";
    }

    private static string Cue(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    private static string FileName(string title, string extension)
    {
        var safe = new string(title.Select(ch => char.IsLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
        return $"review-{(safe.Length == 0 ? "lesson" : safe)}.{extension}";
    }
}
