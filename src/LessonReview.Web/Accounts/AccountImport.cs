using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using LessonReview.Web.Localization;

namespace LessonReview.Web.Accounts;

/// <summary>
/// A class of new ALTs from a CSV file (columns email, name, role, and optionally language and
/// school): each row is an invitation like any other, and the report says, row by row, who was invited
/// and why the others were not. A refused row does not stop the rest. The whole file is read before
/// anyone is invited: a file that cannot be read to its end (a broken line, too many people) invites
/// nobody, so fixing it and importing it again is all it takes. Importing the same file again invites
/// nobody twice: each person already there is reported as having an account.
/// </summary>
public sealed class AccountImport(AccountAdmin admin)
{
    public const int MaxRows = 500;
    public const int MaxBytes = 1 << 20;

    /// <summary>The upload in memory, or null when it is larger than <see cref="MaxBytes"/> (a class list is a few kilobytes).</summary>
    public static async Task<MemoryStream?> ReadAsync(Stream upload, CancellationToken cancellationToken)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > MaxBytes) { await copy.DisposeAsync(); return null; }
            copy.Write(buffer, 0, read);
        }
        copy.Position = 0;
        return copy;
    }

    /// <param name="Row">The line in the file (the header is line 1).</param>
    /// <param name="Problem">Why the row was not imported (in the reader's language), or null.</param>
    public sealed record RowReport(int Row, string Email, string Name, bool Invited, bool Mailed, string? Link, string? Problem);

    public sealed record Report(int Invited, int Refused, IReadOnlyList<RowReport> Rows);

    /// <summary>The report, or (null, why) when the file itself cannot be read.</summary>
    public async Task<(Report? Report, Message? Problem)> ImportAsync(string invitedBy, Stream csv, Func<Message, string> say, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true); // Excel writes a BOM
        using var parser = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectDelimiter = true, // a comma, or the semicolon of some spreadsheet locales
        });
        try
        {
            if (!await parser.ReadAsync() || !parser.ReadHeader() || !HasColumns(parser.HeaderRecord))
                return (null, "The first line must name the columns: email, name, role, language (language may be left out).");
            var people = new List<(int Line, AccountAdmin.Invitee Invitee)>();
            while (await parser.ReadAsync())
            {
                if (people.Count == MaxRows) return (null, new Message("The file has more than {0} people; split it into smaller files. Nobody was invited.", MaxRows));
                people.Add((parser.Parser.Row, new(parser.GetField("email") ?? "", parser.GetField("name") ?? "", parser.GetField("role")?.ToLowerInvariant(),
                    Optional(parser, "language"), Optional(parser, "school"))));
            }
            var rows = new List<RowReport>();
            foreach (var (line, invitee) in people)
            {
                var (invited, refused) = await admin.InviteAsync(invitedBy, invitee, cancellationToken);
                rows.Add(invited is not null
                    ? new RowReport(line, invitee.Email ?? "", invitee.Name ?? "", true, invited.Mailed, invited.Link, null)
                    : new RowReport(line, invitee.Email ?? "", invitee.Name ?? "", false, false, null, say(refused!.Value.Problem)));
            }
            return (new Report(rows.Count(r => r.Invited), rows.Count(r => !r.Invited), rows), null);
        }
        catch (Exception e) when (e is CsvHelperException or BadDataException)
        {
            return (null, new Message("Line {0} of the file could not be read as CSV (a quote out of place?). Nobody was invited: correct that line, or save the file from your spreadsheet as CSV (UTF-8), and import it again.", parser.Parser.Row));
        }
    }

    private static string? Optional(CsvReader parser, string column) =>
        parser.HeaderRecord!.Contains(column, StringComparer.OrdinalIgnoreCase) ? parser.GetField(column) : null;

    private static bool HasColumns(string[]? header) =>
        header is not null && new[] { "email", "name", "role" }.All(c => header.Contains(c, StringComparer.OrdinalIgnoreCase));
}
