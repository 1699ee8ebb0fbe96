using LessonReview.Core.Data;
using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Tests;

/// <summary>
/// Hand-written migrations (no EF Design here) must build exactly the schema the model expects, on
/// the provider this run uses (SQLite, and PostgreSQL in scripts/test.sh's second pass).
/// </summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task Migrated_schema_matches_the_model()
    {
        using var folder = new TempFolder();
        await using var db = new LessonReviewDb(TestDatabase.Options(folder.Path));

        await db.MigrateAsync();

        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = await TestDatabase.ColumnsAsync(db, table);
            foreach (var property in entity.GetProperties())
            {
                Assert.True(columns.TryGetValue(property.GetColumnName(), out var nullable), $"{table}.{property.GetColumnName()} is missing");
                Assert.True(nullable == property.IsNullable, $"{table}.{property.GetColumnName()} nullability differs");
            }
            Assert.Equal(entity.GetProperties().Count(), columns.Count);
        }
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Japanese_text_and_utc_instants_round_trip()
    {
        using var folder = new TempFolder();
        var options = TestDatabase.Options(folder.Path);
        var when = new DateTime(2026, 11, 22, 9, 30, 0, DateTimeKind.Utc);
        await using (var db = new LessonReviewDb(options))
        {
            await db.MigrateAsync();
            db.Users.Add(new Core.Accounts.User { Email = "k@example.org", NormalizedEmail = "K@EXAMPLE.ORG", UserName = "k@example.org", Name = "山田 花子", CreatedAt = when });
            await db.SaveChangesAsync();
        }
        await using var again = new LessonReviewDb(options);
        var user = await again.Users.SingleAsync(u => u.Email == "k@example.org");
        Assert.Equal(("山田 花子", when, DateTimeKind.Utc), (user.Name, user.CreatedAt, user.CreatedAt.Kind));
    }
}
