using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Accounts;

/// <summary>Creates users and checks passwords with the framework's PasswordHasher (PBKDF2).</summary>
public sealed class AccountService(LessonReviewDb db)
{
    private static readonly PasswordHasher<User> Hasher = new();
    public const int MinimumPasswordLength = 8;

    /// <summary>Creates the user, or resets name, role and password when the e-mail exists.</summary>
    public async Task<User> UpsertAsync(string email, string password, string role, string name, CancellationToken cancellationToken = default)
    {
        var problem = Validate(email, password, role, name);
        if (problem is not null) throw new ArgumentException(problem);
        var normalized = User.Normalize(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            user = new User { Email = email.Trim(), NormalizedEmail = normalized, Name = name.Trim(), Role = role };
            db.Users.Add(user);
        }
        user.Name = name.Trim();
        user.Role = role;
        user.PasswordHash = Hasher.HashPassword(user, password);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    /// <summary>The user when the password is right; null otherwise (the caller does not learn which part was wrong).</summary>
    public async Task<User?> VerifyAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var normalized = User.Normalize(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            Hasher.HashPassword(new User { Email = "", NormalizedEmail = "", Name = "", Role = "" }, password); // same cost either way
            return null;
        }
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken);
        }
        return user;
    }

    /// <summary>What is wrong with these account details, in words, or null.</summary>
    public static string? Validate(string? email, string? password, string? role, string? name)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@')) return "Give an e-mail address such as name@example.org.";
        if (string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength)
            return $"Choose a password of at least {MinimumPasswordLength} characters.";
        if (role is null || !Roles.All.Contains(role)) return $"Role must be one of: {string.Join(", ", Roles.All)}.";
        if (string.IsNullOrWhiteSpace(name)) return "Give the person's name as others should see it.";
        return null;
    }
}
