namespace LessonReview.Core.Accounts;

/// <summary>A person who signs in. Exactly one role: see <see cref="Roles"/>.</summary>
public sealed class User
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Email { get; set; }
    /// <summary>Lower-case e-mail: sign-in and uniqueness ignore case.</summary>
    public required string NormalizedEmail { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public string PasswordHash { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}

/// <summary>The three roles LessonReview knows.</summary>
public static class Roles
{
    public const string Trainee = "trainee";
    public const string Mentor = "mentor";
    public const string Coordinator = "coordinator";
    public static readonly IReadOnlyList<string> All = [Trainee, Mentor, Coordinator];
}
