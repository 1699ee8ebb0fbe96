using LessonReview.Core.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace LessonReview.Migrations.SqlServer;

/// <summary>What `dotnet ef` uses to build the model for SQL Server / Azure SQL migrations (no server is needed to add one).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LessonReviewDb>
{
    public LessonReviewDb CreateDbContext(string[] args) =>
        new(DatabaseProviders.Options(DatabaseOptions.SqlServer, args.FirstOrDefault() ?? "Server=localhost;Database=lessonreview;Integrated Security=true;TrustServerCertificate=true"));
}
