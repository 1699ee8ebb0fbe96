using Microsoft.EntityFrameworkCore.Migrations;

namespace LessonReview.Core.Data.Upgrades;

/// <summary>
/// Data steps of the Identity migration (each provider's generated migration calls them): users of
/// the hand-made store keep their password hashes (already Identity's PBKDF2 format) and get the
/// columns Identity needs; the old one-word role becomes a row in user_roles. Identity normalizes
/// e-mail with ToUpperInvariant, which SQL's UPPER matches for the ASCII addresses schools use.
/// </summary>
public static class IdentityUpgrade
{
    public static void MoveUsersToIdentity(MigrationBuilder migration)
    {
        var (yes, random) = Dialect(migration);
        migration.Sql($"""
            UPDATE "users" SET "UserName" = "Email", "NormalizedUserName" = UPPER("Email"), "NormalizedEmail" = UPPER("Email"),
                "LockoutEnabled" = {yes}, "SecurityStamp" = {random}, "ConcurrencyStamp" = {random};
            """);
        migration.Sql("""
            INSERT INTO "user_roles" ("UserId", "RoleId") SELECT u."Id", r."Id" FROM "users" u JOIN "roles" r ON r."Name" = u."Role";
            """);
    }

    /// <summary>Down: the role word and the lower-case e-mail back, before the Identity tables go.</summary>
    public static void MoveUsersBack(MigrationBuilder migration)
    {
        migration.Sql("""
            UPDATE "users" SET "NormalizedEmail" = LOWER("Email"),
                "Role" = COALESCE((SELECT r."Name" FROM "user_roles" ur JOIN "roles" r ON r."Id" = ur."RoleId" WHERE ur."UserId" = "users"."Id"), 'trainee');
            """);
    }

    private static (string Yes, string Random) Dialect(MigrationBuilder migration) => migration.ActiveProvider switch
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL" => ("TRUE", "UPPER(REPLACE(gen_random_uuid()::text, '-', ''))"),
        "Microsoft.EntityFrameworkCore.SqlServer" => ("1", "REPLACE(CONVERT(nvarchar(36), NEWID()), '-', '')"),
        "Microsoft.EntityFrameworkCore.Sqlite" => ("1", "upper(hex(randomblob(16)))"),
        var other => throw new NotSupportedException($"No Identity upgrade SQL for provider {other}."),
    };
}
