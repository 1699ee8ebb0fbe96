using System.Net;
using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Web.Accounts;
using LessonReview.Web.Commands;
using LessonReview.Web.Tests.Support;

namespace LessonReview.Web.Tests.Accounts;

/// <summary>
/// The <c>users</c> and <c>migrate</c> commands, run in-process exactly as Program runs them, on the
/// configuration a running app has (its data folder, its database).
/// </summary>
public sealed class UserCommandTests(AppHost host) : IClassFixture<AppHost>
{
    private sealed record Run(int ExitCode, string Out, string Error);

    private static async Task<Run> RunAsync(string[] args, string? stdin = null, Dictionary<string, string>? environment = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CommandConsole(new StringReader(stdin ?? ""), output, error, interactive: false,
            name => environment?.GetValueOrDefault(name));
        var code = await AdminCommands.RunAsync(args, console);
        return new Run(code, output.ToString(), error.ToString());
    }

    /// <summary>The app's own configuration, as --Key=Value arguments.</summary>
    private string[] AppSettings() =>
        [$"--DataDirectory={host.DataDirectory}", .. TestDatabase.Settings(host.DataDirectory).Select(s => $"--{s.Key}={s.Value}")];

    [Fact]
    public async Task Help_lists_the_commands_instead_of_starting_the_server()
    {
        var run = await RunAsync(["--help"]);
        var users = await RunAsync(["users", "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("migrate", run.Out);
        Assert.Contains("users", run.Out);
        Assert.True(AdminCommands.Wants(["--help"]));
        Assert.False(AdminCommands.Wants(["--urls", "http://127.0.0.1:5000"]), "server options still start the server");
        Assert.Equal(0, users.ExitCode);
        foreach (var command in new[] { "add", "list", "disable", "enable", "set-role", "reset-password" }) Assert.Contains(command, users.Out);
    }

    [Fact]
    public async Task Add_then_the_person_signs_in_with_the_role_and_name_given()
    {
        var email = $"hanako-{Guid.NewGuid():N}@example.org";

        var run = await RunAsync(["users", "add", "--email", email, "--role", "mentor", "--name", "山田 花子", "--password-stdin", .. AppSettings()],
            stdin: "piped-secret-1\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Created {email} (mentor)", run.Out);
        var me = await (await host.SignInAsync(email, "piped-secret-1")).GetFromJsonAsync<SessionApi.UserDto>("/api/me");
        Assert.Equal(("mentor", "山田 花子"), (me!.Role, me.Name));
    }

    [Fact]
    public async Task The_password_may_come_from_the_environment()
    {
        var email = $"env-{Guid.NewGuid():N}@example.org";

        var run = await RunAsync(["users", "add", "--email", email, "--role", "trainee", "--name", "Env", .. AppSettings()],
            environment: new() { [CommandConsole.PasswordVariable] = "from-the-environment" });

        Assert.Equal(0, run.ExitCode);
        await host.SignInAsync(email, "from-the-environment");
    }

    [Fact]
    public async Task A_password_on_the_command_line_is_refused_and_nothing_is_created()
    {
        var email = $"cli-{Guid.NewGuid():N}@example.org";

        var run = await RunAsync(["users", "add", "--email", email, "--password", "visible-in-ps", "--role", "mentor", "--name", "X", .. AppSettings()]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--password-stdin", run.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.AnonymousClient().PostAsJsonAsync("/api/session", new { email, password = "visible-in-ps" })).StatusCode);
    }

    [Fact]
    public async Task Without_any_password_source_it_says_where_to_give_one()
    {
        var run = await RunAsync(["users", "add", "--email", "nopass@example.org", "--role", "mentor", "--name", "X", .. AppSettings()]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(CommandConsole.PasswordVariable, run.Error);
    }

    [Fact]
    public async Task Run_against_a_folder_with_no_database_it_refuses_and_creates_nothing()
    {
        using var elsewhere = new TempFolder();
        var run = await RunAsync(["users", "list", $"--DataDirectory={elsewhere.Path}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There is no LessonReview database", run.Error);
        if (!TestDatabase.IsPostgres)
        {
            Assert.Contains(Path.Combine(elsewhere.Path, "lessonreview.db"), run.Error); // it names where it looked
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere.Path));
        }
    }

    [Fact]
    public async Task List_set_role_disable_and_enable_show_in_the_listing()
    {
        var email = await host.CreateUserAsync("trainee");

        Assert.Equal(0, (await RunAsync(["users", "set-role", "--email", email, "--role", "mentor", .. AppSettings()])).ExitCode);
        Assert.Equal(0, (await RunAsync(["users", "disable", "--email", email, .. AppSettings()])).ExitCode);
        var disabled = await RunAsync(["users", "list", .. AppSettings()]);
        Assert.Equal(0, (await RunAsync(["users", "enable", "--email", email, .. AppSettings()])).ExitCode);
        var enabled = await RunAsync(["users", "list", .. AppSettings()]);

        Assert.Matches($@"{email}\s+mentor\s+disabled", disabled.Out);
        Assert.Matches($@"{email}\s+mentor\s+active", enabled.Out);
        Assert.Contains("trainee@example.org", enabled.Out);
    }

    [Fact]
    public async Task Mistakes_get_a_message_that_says_what_to_do()
    {
        var unknownRole = await RunAsync(["users", "set-role", "--email", "trainee@example.org", "--role", "admin", .. AppSettings()]);
        var nobody = await RunAsync(["users", "disable", "--email", "nobody@example.org", .. AppSettings()]);
        var taken = await RunAsync(["users", "add", "--email", "mentor@example.org", "--role", "mentor", "--name", "M", "--password-stdin", .. AppSettings()],
            stdin: "long-enough-1");
        var shortPassword = await RunAsync(["users", "reset-password", "--email", "mentor@example.org", "--password-stdin", .. AppSettings()], stdin: "short");

        Assert.Equal(2, unknownRole.ExitCode);
        Assert.Contains("trainee", unknownRole.Error);
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("No account has the e-mail address nobody@example.org", nobody.Error);
        Assert.Equal(1, taken.ExitCode);
        Assert.Contains("already has an account", taken.Error);
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("at least 8 characters", shortPassword.Error);
        await host.MentorAsync(); // the seeded mentor's password is unchanged
    }
}
