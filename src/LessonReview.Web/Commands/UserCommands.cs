using System.CommandLine;
using LessonReview.Core.Accounts;
using LessonReview.Web.Accounts;

namespace LessonReview.Web.Commands;

/// <summary><c>users add|list|disable|enable|set-role|reset-password</c>, on <see cref="AccountService"/>.</summary>
public static class UserCommands
{
    public static Command Build(CommandContext context)
    {
        var users = new Command("users", "Manage who can sign in.");

        var add = new Command("add", "Create an account. The password comes from standard input (--password-stdin), "
            + $"the {CommandConsole.PasswordVariable} environment variable, or a prompt.");
        var email = EmailOption();
        var role = RoleOption();
        var name = new Option<string>("--name") { Description = "The name others see, e.g. '山田 花子'.", Required = true };
        var passwordStdin = PasswordStdinOption();
        add.Options.Add(email); add.Options.Add(role); add.Options.Add(name); add.Options.Add(passwordStdin); add.Options.Add(RefusedPasswordOption());
        add.SetAction((parsed, ct) => context.RunAsync(async (services, console, token) =>
        {
            var password = Password(console, parsed.GetValue(passwordStdin));
            var user = await services.GetRequiredService<AccountService>()
                .CreateAsync(parsed.GetRequiredValue(email), password, parsed.GetRequiredValue(role), parsed.GetRequiredValue(name), token);
            console.Out.WriteLine($"Created {user.Email} ({parsed.GetRequiredValue(role)}).");
            return 0;
        }, create: false, ct));

        var list = new Command("list", "List every account with its role and state.");
        list.SetAction((_, ct) => context.RunAsync(async (services, console, token) =>
        {
            var accounts = await services.GetRequiredService<AccountService>().ListAsync(token);
            console.Out.WriteLine($"{"E-MAIL",-36} {"ROLE",-12} {"STATE",-30} NAME");
            foreach (var a in accounts) console.Out.WriteLine($"{a.Email,-36} {a.Role,-12} {a.State,-30} {a.Name}");
            console.Out.WriteLine($"{accounts.Count} account{(accounts.Count == 1 ? "" : "s")}.");
            return 0;
        }, create: false, ct));

        var disableEmail = EmailOption();
        var disable = new Command("disable", "Switch an account off: it cannot sign in, and its open sessions end now.") { disableEmail };
        disable.SetAction((parsed, ct) => OnUser(context, parsed.GetRequiredValue(disableEmail), ct, async (accounts, user, console, token) =>
        {
            await accounts.DisableAsync(user, token);
            console.Out.WriteLine($"{user.Email} is switched off; its sessions have ended.");
        }));

        var enableEmail = EmailOption();
        var enable = new Command("enable", "Switch an account on again (also ends a lockout after wrong passwords).") { enableEmail };
        enable.SetAction((parsed, ct) => OnUser(context, parsed.GetRequiredValue(enableEmail), ct, async (accounts, user, console, _) =>
        {
            await accounts.EnableAsync(user);
            console.Out.WriteLine($"{user.Email} can sign in.");
        }));

        var roleEmail = EmailOption();
        var newRole = RoleOption();
        var setRole = new Command("set-role", "Give an account another role; open sessions get it within Accounts:SessionCheckSeconds.") { roleEmail, newRole };
        setRole.SetAction((parsed, ct) => OnUser(context, parsed.GetRequiredValue(roleEmail), ct, async (accounts, user, console, _) =>
        {
            await accounts.SetRoleAsync(user, parsed.GetRequiredValue(newRole));
            console.Out.WriteLine($"{user.Email} is now a {parsed.GetRequiredValue(newRole)}.");
        }));

        var resetEmail = EmailOption();
        var resetStdin = PasswordStdinOption();
        var reset = new Command("reset-password", "Set a new password; the account's open sessions end now.") { resetEmail, resetStdin, RefusedPasswordOption() };
        reset.SetAction((parsed, ct) => OnUser(context, parsed.GetRequiredValue(resetEmail), ct, async (accounts, user, console, token) =>
        {
            await accounts.ResetPasswordAsync(user, Password(console, parsed.GetValue(resetStdin)), token);
            console.Out.WriteLine($"{user.Email} has a new password; its sessions have ended.");
        }));

        foreach (var command in new[] { add, list, disable, enable, setRole, reset }) users.Subcommands.Add(command);
        return users;
    }

    private static Task<int> OnUser(CommandContext context, string email, CancellationToken ct,
        Func<AccountService, User, CommandConsole, CancellationToken, Task> change) =>
        context.RunAsync(async (services, console, token) =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            await change(accounts, await accounts.GetAsync(email), console, token);
            return 0;
        }, create: false, ct);

    private static string Password(CommandConsole console, bool fromStandardInput) =>
        console.ReadPassword(fromStandardInput) is { Length: > 0 } password
            ? password
            : throw new CommandException($"Give the password on standard input with --password-stdin, or in the {CommandConsole.PasswordVariable} environment variable.");

    private static Option<string> EmailOption() => new("--email") { Description = "The account's e-mail address.", Required = true };

    private static Option<string> RoleOption()
    {
        var role = new Option<string>("--role") { Description = "trainee, mentor or coordinator.", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        return role;
    }

    private static Option<bool> PasswordStdinOption() => new("--password-stdin") { Description = "Read the password from standard input." };

    /// <summary>--password is accepted only to say why it is refused.</summary>
    private static Option<string> RefusedPasswordOption()
    {
        var option = new Option<string>("--password") { Hidden = true };
        option.Validators.Add(result => result.AddError(
            $"Passwords are not taken on the command line (shell history and the process list would show them). Pipe it in with --password-stdin, or set {CommandConsole.PasswordVariable}."));
        return option;
    }
}
