using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LessonReview.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LessonReviewDb"/> for the configured provider. Without
    /// <c>ConnectionStrings:Database</c>, SQLite uses <c>lessonreview.db</c> in the data directory.
    /// </summary>
    public static IServiceCollection AddLessonReviewData(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Database");
        services.AddDbContext<LessonReviewDb>(db =>
        {
            if (string.Equals(options.Provider, DatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
            {
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException(
                        "Database:Provider is PostgreSQL but ConnectionStrings:Database is not set. Set it to an Npgsql connection string.");
                db.UseNpgsql(connectionString);
            }
            else if (string.Equals(options.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
            {
                // Default Timeout makes a writer wait for a busy database instead of failing at once.
                db.UseSqlite(connectionString ?? $"Data Source={Path.Combine(dataDirectory, "lessonreview.db")};Default Timeout=30");
            }
            else
            {
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not known. Use Sqlite or PostgreSQL.");
            }
            // Migrations are hand-written with no model snapshot (EF Core Design is not restorable here);
            // the schema-matches-model test guards what this warning would.
            db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        return services;
    }

    /// <summary>Applies migrations; on SQLite also switches to WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(this LessonReviewDb db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder) Directory.CreateDirectory(folder);
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
