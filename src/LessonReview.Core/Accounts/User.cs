using Microsoft.AspNetCore.Identity;

namespace LessonReview.Core.Accounts;

/// <summary>
/// A person who signs in: an ASP.NET Core Identity user (password hash, security stamp, lockout)
/// with the name others see. The sign-in name is the e-mail address. Exactly one role: see <see cref="Roles"/>.
/// </summary>
public sealed class User : IdentityUser<Guid>
{
    public User() => Id = Guid.NewGuid();

    /// <summary>The name others see on comments and reviews, e.g. 山田 花子.</summary>
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>The school a trainee teaches at (a mentor's too, if they belong to one), e.g. 南中学校; the programme page filters by it.</summary>
    public string? School { get; set; }

    /// <summary>The last successful sign-in (UTC); null for someone who never signed in (the People page shows them).</summary>
    public DateTime? LastSignInAt { get; set; }

    /// <summary>The interface language this person chose ("en" or "ja"); null follows their browser.</summary>
    public string? Language { get; set; }

    /// <summary>The IANA time zone dates and times are shown in (e.g. Asia/Tokyo); null uses the programme's default.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The notification kinds this person does not want by e-mail, space-separated (they still appear in the app).</summary>
    public string EmailOptOuts { get; set; } = "";

    /// <summary>When a coordinator switched the account off; its lessons are purged Privacy:LessonRetentionDays later.</summary>
    public DateTime? DisabledAt { get; set; }

    /// <summary>An account switched off by a coordinator (lockout that never ends), unlike a lockout after failed sign-ins.</summary>
    public bool IsDisabled => IsSwitchedOff(LockoutEnd);

    /// <summary>Switched off, from a lockout end read without the whole user (a lockout that never ends).</summary>
    public static bool IsSwitchedOff(DateTimeOffset? lockoutEnd) => lockoutEnd == DateTimeOffset.MaxValue;
}

/// <summary>An Identity role; the three that exist are seeded with fixed ids (<see cref="Roles"/>).</summary>
public sealed class Role : IdentityRole<Guid>;

/// <summary>The three roles LessonReview knows. Each user has exactly one.</summary>
public static class Roles
{
    public const string Trainee = "trainee";
    public const string Mentor = "mentor";
    public const string Coordinator = "coordinator";
    public static readonly IReadOnlyList<string> All = [Trainee, Mentor, Coordinator];

    // Fixed ids: the roles are seeded by migration, and queries filter by id without joining the roles table.
    public static readonly Guid TraineeId = new("7d2e61a4-3b7f-4c52-9a51-2f0c8f1e0a01");
    public static readonly Guid MentorId = new("7d2e61a4-3b7f-4c52-9a51-2f0c8f1e0a02");
    public static readonly Guid CoordinatorId = new("7d2e61a4-3b7f-4c52-9a51-2f0c8f1e0a03");

    public static Guid IdOf(string role) => role switch
    {
        Trainee => TraineeId,
        Mentor => MentorId,
        Coordinator => CoordinatorId,
        _ => throw new ArgumentException($"Role must be one of: {string.Join(", ", All)}.", nameof(role)),
    };

    public static string NameOf(Guid roleId) =>
        roleId == TraineeId ? Trainee : roleId == MentorId ? Mentor : roleId == CoordinatorId ? Coordinator
        : throw new ArgumentException($"No role has id {roleId}.", nameof(roleId));

    /// <summary>The rows the migrations seed.</summary>
    public static IEnumerable<Role> Seed() => All.Select(name => new Role
    {
        Id = IdOf(name), Name = name, NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = name,
    });
}
