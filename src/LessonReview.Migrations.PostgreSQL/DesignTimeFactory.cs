using LessonReview.Core.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace LessonReview.Migrations.PostgreSQL;

/// <summary>What `dotnet ef` uses to build the model for PostgreSQL migrations (no server is needed to add one).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LessonReviewDb>
{
    public LessonReviewDb CreateDbContext(string[] args) =>
        new(DatabaseProviders.Options(DatabaseOptions.PostgreSql, args.FirstOrDefault() ?? "Host=localhost;Database=lessonreview"));
}
