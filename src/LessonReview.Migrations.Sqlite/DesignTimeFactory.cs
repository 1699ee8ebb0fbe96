using LessonReview.Core.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace LessonReview.Migrations.Sqlite;

/// <summary>What `dotnet ef` uses to build the model for SQLite migrations (no database is opened to add one).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LessonReviewDb>
{
    public LessonReviewDb CreateDbContext(string[] args) =>
        new(DatabaseProviders.Options(DatabaseOptions.Sqlite, args.FirstOrDefault() ?? "Data Source=design-time.db"));
}
