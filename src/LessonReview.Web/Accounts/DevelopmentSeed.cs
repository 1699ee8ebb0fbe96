using LessonReview.Core.Accounts;

namespace LessonReview.Web.Accounts;

/// <summary>Development only: creates (or resets) one account per role so the app can be tried at once.</summary>
public static class DevelopmentSeed
{
    /// <summary>The password when <c>Seed:Password</c> is not configured (README says so).</summary>
    public const string DefaultPassword = "lessonreview-dev";

    public static readonly IReadOnlyList<(string Email, string Role, string Name)> Accounts =
    [
        ("trainee@example.org", Roles.Trainee, "Tomoko Trainee"),
        ("mentor@example.org", Roles.Mentor, "Mia Mentor"),
        ("coordinator@example.org", Roles.Coordinator, "Kenji Coordinator"),
    ];

    public static async Task RunAsync(AccountService accounts, IConfiguration configuration, ILogger logger)
    {
        var password = configuration["Seed:Password"] is { Length: > 0 } configured ? configured : DefaultPassword;
        foreach (var (email, role, name) in Accounts)
            await accounts.UpsertAsync(email, password, role, name);
        logger.LogInformation("Development accounts ready: {Emails} (password from Seed:Password)", string.Join(", ", Accounts.Select(a => a.Email)));
    }
}
