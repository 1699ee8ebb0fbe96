using LessonReview.Core.Data;
using LessonReview.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Tests;

/// <summary>Hand-written migrations (no EF Design here) must build exactly the schema the model expects.</summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task Migrated_sqlite_schema_matches_the_model()
    {
        using var folder = new TempFolder();
        var options = new DbContextOptionsBuilder<LessonReviewDb>().UseSqlite($"Data Source={folder.File("schema.db")}").Options;
        await using var db = new LessonReviewDb(options);

        await db.MigrateAsync();

        await using var connection = new SqliteConnection($"Data Source={folder.File("schema.db")}");
        await connection.OpenAsync();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = new Dictionary<string, bool>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"PRAGMA table_info(\"{table}\")";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) columns[reader.GetString(1)] = reader.GetInt32(3) == 0;
            }
            foreach (var property in entity.GetProperties())
            {
                Assert.True(columns.TryGetValue(property.GetColumnName(), out var nullable), $"{table}.{property.GetColumnName()} is missing");
                Assert.True(nullable == property.IsNullable, $"{table}.{property.GetColumnName()} nullability differs");
            }
            Assert.Equal(entity.GetProperties().Count(), columns.Count);
        }
    }

    [Fact]
    public async Task Japanese_text_and_utc_instants_round_trip()
    {
        using var folder = new TempFolder();
        var options = new DbContextOptionsBuilder<LessonReviewDb>().UseSqlite($"Data Source={folder.File("rt.db")}").Options;
        var when = new DateTime(2026, 11, 22, 9, 30, 0, DateTimeKind.Utc);
        await using (var db = new LessonReviewDb(options))
        {
            await db.MigrateAsync();
            db.Users.Add(new Core.Accounts.User { Email = "k@example.org", NormalizedEmail = "k@example.org", Name = "山田 花子", Role = "mentor", CreatedAt = when });
            await db.SaveChangesAsync();
        }
        await using var again = new LessonReviewDb(options);
        var user = await again.Users.SingleAsync();
        Assert.Equal(("山田 花子", when, DateTimeKind.Utc), (user.Name, user.CreatedAt, user.CreatedAt.Kind));
    }
}
