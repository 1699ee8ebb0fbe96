using LessonReview.Core.Data;
using LessonReview.Web.Accounts;

namespace LessonReview.Web.Hosting;

/// <summary>
/// Administration commands on the web project, for environments that seed nothing:
/// <c>migrate</c> and <c>users add --email E --password P --role R --name N</c>.
/// </summary>
public static class Commands
{
    /// <summary>Runs a command named by <paramref name="args"/>; false when the app should serve instead.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToArray();
        if (words.Length == 0) return false;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        switch (words)
        {
            case ["migrate"]:
                await db.MigrateAsync();
                Console.WriteLine("Database is up to date.");
                return true;
            case ["users", "add"]:
                await db.MigrateAsync();
                var option = Options(args);
                var problem = AccountService.Validate(option("email"), option("password"), option("role"), option("name"));
                if (problem is not null)
                {
                    Console.Error.WriteLine(problem);
                    Console.Error.WriteLine("Usage: users add --email E --password P --role trainee|mentor|coordinator --name N");
                    Environment.ExitCode = 2;
                    return true;
                }
                var user = await scope.ServiceProvider.GetRequiredService<AccountService>()
                    .UpsertAsync(option("email")!, option("password")!, option("role")!, option("name")!);
                Console.WriteLine($"User {user.Email} ({user.Role}) is ready.");
                return true;
            default:
                Console.Error.WriteLine($"Unknown command '{string.Join(' ', words)}'. Commands: migrate; users add --email E --password P --role R --name N");
                Environment.ExitCode = 2;
                return true;
        }
    }

    private static Func<string, string?> Options(string[] args) => name =>
    {
        var index = Array.IndexOf(args, "--" + name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    };
}
