using System.Text.RegularExpressions;
using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Processing;
using LessonReview.Web.Lessons;
using LessonReview.Web.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LessonReview.Web.Tests.Data;

/// <summary>
/// SQL Server / Azure SQL (Database:Provider=SqlServer). No SQL Server engine can run here, so the
/// full idempotent migration script is generated and checked, and the app's query shapes are
/// translated by the SQL Server provider (translation is where a provider refuses a query).
/// </summary>
public sealed partial class SqlServerTests : IDisposable
{
    private readonly LessonReviewDb _db = new(DatabaseProviders.Options(DatabaseOptions.SqlServer,
        "Server=127.0.0.1;Database=lessonreview;TrustServerCertificate=true"));

    public void Dispose() => _db.Dispose();

    [Fact]
    public void The_idempotent_script_creates_every_table_key_and_index_once()
    {
        var script = _db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var entity in _db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            Assert.Contains($"CREATE TABLE [{table}] (", script);
            Assert.Contains($"CONSTRAINT [{entity.FindPrimaryKey()!.GetName()}] PRIMARY KEY", script);
            foreach (var foreignKey in entity.GetForeignKeys())
                Assert.Contains($"CONSTRAINT [{foreignKey.GetConstraintName()}] FOREIGN KEY", script);
            foreach (var index in entity.GetIndexes())
                Assert.Matches($@"CREATE (UNIQUE )?INDEX \[{index.GetDatabaseName()}\] ON \[{table}\]", script);
        }
        // Idempotent: every migration runs only when the history table does not list it yet.
        foreach (var migration in _db.Database.GetMigrations())
            Assert.Contains($"WHERE [MigrationId] = N'{migration}'", script);
    }

    [Fact]
    public void Text_columns_are_unicode_so_Japanese_survives()
    {
        var script = _db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("[Name] nvarchar(200) NOT NULL", script);
        Assert.Contains("[Title] nvarchar(200) NOT NULL", script);
        Assert.Matches(@"\[Text\] nvarchar\(\d+\) NOT NULL", script);
        Assert.DoesNotMatch(@"\] varchar\(", script); // no non-Unicode text column anywhere
        Assert.Contains("[CreatedAt] datetime2 NOT NULL", script);
    }

    [Fact]
    public void The_apps_queries_translate_to_sql_server()
    {
        var caller = new Web.Accounts.Caller(Guid.NewGuid(), "m@example.org", "M", "mentor");
        var lessons = new LessonAccess(_db);
        var reviews = new ReviewAccess(_db);
        var now = DateTime.UtcNow;
        var id = Guid.NewGuid();
        IQueryable[] queries =
        [
            lessons.Visible(caller),
            lessons.Visible(caller with { Role = "coordinator" }),
            lessons.Visible(caller with { Role = "trainee" }),
            reviews.Visible(caller),
            reviews.Visible(caller with { Role = "trainee" }),
            _db.Lessons.Where(l => l.Status == LessonStatus.Uploading && l.UploadExpiresAt < now).Select(l => l.Id),
            _db.ProcessingJobs.Where(j => j.State == JobState.Queued && j.AvailableAt <= now).OrderBy(j => j.AvailableAt).Select(j => j.Id).Take(1),
            _db.Comments.Where(c => c.ReviewId == id && c.DeletedAt == null).OrderBy(c => c.AtSeconds).ThenBy(c => c.CreatedAt),
            _db.ReviewEvents.Where(e => e.ReviewId == id && e.Seq > 3).OrderBy(e => e.Seq),
            _db.ActionItems.Where(a => a.ReviewId == id).OrderBy(a => a.CreatedAt),
            _db.UsersInRole("mentor").OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }),
            _db.Users.Select(u => new { u.Id, RoleId = _db.UserRoles.Where(r => r.UserId == u.Id).Select(r => r.RoleId).FirstOrDefault() }).OrderBy(u => u.Id),
            _db.UserSessions.Where(x => x.Id == "key").Select(x => new { x.Ticket, x.ExpiresAt }),
        ];

        foreach (var query in queries)
        {
            var sql = query.ToQueryString();
            Assert.Matches(SelectFromBracketedTable(), sql);
            Assert.DoesNotContain("LIMIT", sql); // SQLite/PostgreSQL syntax would mean the wrong provider translated it
        }
    }

    [GeneratedRegex(@"SELECT [\s\S]*\sFROM \[\w+\] AS \[\w+\]")]
    private static partial Regex SelectFromBracketedTable();
}
