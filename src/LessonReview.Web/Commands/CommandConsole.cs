namespace LessonReview.Web.Commands;

/// <summary>
/// Where a command reads and writes: the process console in production, strings in tests.
/// Passwords come from standard input or <see cref="PasswordVariable"/>, never the command line
/// (it stays in shell history and is visible to every user in the process list).
/// </summary>
public sealed class CommandConsole(TextReader input, TextWriter output, TextWriter error, bool interactive, Func<string, string?> environment)
{
    public const string PasswordVariable = "LESSONREVIEW_PASSWORD";

    public static CommandConsole Process() => new(Console.In, Console.Out, Console.Error,
        interactive: !Console.IsInputRedirected, Environment.GetEnvironmentVariable);

    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>The new password: standard input with --password-stdin, else the environment variable, else a prompt.</summary>
    public string? ReadPassword(bool fromStandardInput)
    {
        if (fromStandardInput) return input.ReadToEnd().TrimEnd('\r', '\n');
        if (environment(PasswordVariable) is { Length: > 0 } fromEnvironment) return fromEnvironment;
        if (!interactive) return null;
        var first = Prompt("New password: ");
        return first == Prompt("Repeat it: ") ? first : throw new CommandException("The two passwords differ. Nothing was changed.");
    }

    private string Prompt(string label)
    {
        Error.Write(label);
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Error.WriteLine();
        return typed.ToString();
    }
}

/// <summary>A command that cannot do what was asked; the message says why and what to do.</summary>
public sealed class CommandException(string message) : Exception(message);
