namespace LessonReview.Media.Tools;

/// <summary>
/// FFMpegCore passes custom arguments as one command-line string, which .NET splits the way Windows
/// does (spaces separate, double quotes group, backslashes escape quotes). This joins a list so
/// that every item arrives as exactly one argument, spaces and quotes included.
/// </summary>
internal static class ArgumentText
{
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));

    internal static string Quote(string argument)
    {
        if (argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"')) return argument;
        var quoted = new System.Text.StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\') { backslashes++; continue; }
            // Backslashes before a quote are escapes: double them, then escape the quote itself.
            quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
            backslashes = 0;
            quoted.Append(c);
        }
        quoted.Append('\\', backslashes * 2).Append('"');
        return quoted.ToString();
    }
}
