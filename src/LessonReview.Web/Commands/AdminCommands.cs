using System.CommandLine;
using LessonReview.Core.Data;
using LessonReview.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace LessonReview.Web.Commands;

/// <summary>
/// Administration commands on the web app's own configuration (appsettings, environment variables,
/// <c>--Key=Value</c> arguments), so they reach exactly the database the app uses: <c>migrate</c>
/// and <c>users …</c>. Parsing and help are System.CommandLine's.
/// </summary>
public static class AdminCommands
{
    private static readonly string[] Words = ["migrate", "users", "help", "--help", "-h", "-?"];

    /// <summary>True when <paramref name="args"/> ask for a command (or help) rather than the server.</summary>
    public static bool Wants(string[] args) => args.Length > 0 && Words.Contains(args[0], StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs the command; returns the process exit code (0 done, 1 failed, 2 usage).</summary>
    public static async Task<int> RunAsync(string[] args, CommandConsole console, CancellationToken cancellationToken = default)
    {
        // --Key=Value arguments are configuration (as for the server), not options of the command.
        var settings = args.Where(IsSetting).ToArray();
        var words = args.Where(a => !IsSetting(a)).Select(a => a == "help" ? "--help" : a).ToArray();
        var context = new CommandContext(settings, console);

        var root = new RootCommand("LessonReview web app. Without a command it serves the app; these commands administer it.");
        var migrate = new Command("migrate", "Create the database, or bring it up to date.");
        migrate.SetAction((_, ct) => context.RunAsync(MigrateAsync, create: true, ct));
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(UserCommands.Build(context));

        var parsed = root.Parse(words);
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count == 0) return await parsed.InvokeAsync(invocation, cancellationToken);
        foreach (var error in parsed.Errors) console.Error.WriteLine(error.Message);
        console.Error.WriteLine($"See `{string.Join(' ', CommandPath(parsed))} --help`.");
        return 2;
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, CommandConsole console, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<LessonReviewDb>().MigrateAsync(cancellationToken);
        console.Out.WriteLine("The database is up to date.");
        return 0;
    }

    private static bool IsSetting(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=');

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new Stack<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Push(result.Command is RootCommand ? "LessonReview.Web" : result.Command.Name);
        return names;
    }
}

/// <summary>What every command needs: the app's services on its configuration, and the console.</summary>
public sealed class CommandContext(string[] settings, CommandConsole console)
{
    public CommandConsole Console { get; } = console;

    /// <summary>
    /// Builds the app on its configuration (nothing is served), names the database it will use,
    /// and runs <paramref name="work"/>. Without <paramref name="create"/>, a database that does not
    /// exist yet is an error: a command run from the wrong folder must not make a new, empty one.
    /// </summary>
    public async Task<int> RunAsync(Func<IServiceProvider, CommandConsole, CancellationToken, Task<int>> work, bool create, CancellationToken cancellationToken)
    {
        try
        {
            var builder = WebApplication.CreateBuilder(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddLessonReview();
            await using var app = builder.Build();
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
            Console.Error.WriteLine($"Database: {Describe(db)}");
            if (!create)
            {
                if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken)
                    || !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
                    throw new CommandException(
                        "There is no LessonReview database there. Run the command with the app's own configuration (its folder, or the same " +
                        "DataDirectory, Database:Provider and ConnectionStrings:Database), or run `migrate` first to create a database here.");
                await db.MigrateAsync(cancellationToken); // an app upgraded but not yet started
            }
            return await work(scope.ServiceProvider, Console, cancellationToken);
        }
        catch (Exception e) when (e is CommandException or Accounts.AccountException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>The provider and where the data is, without any password.</summary>
    internal static string Describe(LessonReviewDb db)
    {
        var connection = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = db.Database.GetConnectionString() };
        if (db.Database.IsSqlite())
            return $"SQLite {Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource)}";
        foreach (var secret in new[] { "password", "pwd" }) connection.Remove(secret);
        return $"{db.Database.ProviderName?.Split('.').Last()} {connection.ConnectionString}";
    }
}
