using System.Text;

namespace LessonReview.Web.Hosting;

/// <summary>The CSV files people download (a review's comments, the programme's trainees): every cell quoted, UTF-8 with a BOM for Excel.</summary>
public static class CsvFile
{
    public static void Row(StringBuilder csv, params string[] cells) =>
        csv.AppendLine(string.Join(',', cells.Select(Cell)));

    // Quote every cell; defuse spreadsheet formulas (a cell starting with = + - @ runs as a formula in Excel).
    internal static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>The file's bytes, with a byte-order mark so Excel opens Japanese text as UTF-8.</summary>
    public static byte[] Bytes(StringBuilder csv) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
}
