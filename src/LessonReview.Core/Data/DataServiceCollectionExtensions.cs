using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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
        if (!DatabaseProviders.Is(options.Provider, DatabaseOptions.Sqlite) && string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                $"Database:Provider is {options.Provider} but ConnectionStrings:Database is not set. Set it to the server's connection string.");
        // Default Timeout makes a SQLite writer wait for a busy database instead of failing at once.
        var effective = connectionString ?? $"Data Source={Path.Combine(dataDirectory, "lessonreview.db")};Default Timeout=30";
        DatabaseProviders.Options(options.Provider, effective); // an unknown provider stops start-up here, with advice
        services.AddDbContext<LessonReviewDb>(db => db.Use(options.Provider, effective).AddInterceptors(Telemetry.DatabaseCommandTracing.Instance));
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
        await AdoptLegacySchemaAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>The last of the hand-written migrations that built databases before `dotnet ef` did.</summary>
    internal const string LegacyLastMigration = "20261122010000_Reviews";

    /// <summary>
    /// A database built by the hand-written migrations already has exactly the schema of each
    /// provider's generated Initial migration (compared when they were generated, and by the upgrade
    /// test), so it is recorded as applied instead of run: nothing is dropped or copied.
    /// </summary>
    private static async Task AdoptLegacySchemaAsync(LessonReviewDb db, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken)) return;
        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(m => m.MigrationId).ToHashSet();
        var baseline = db.Database.GetMigrations().First();
        if (!applied.Contains(LegacyLastMigration) || applied.Contains(baseline)) return;
        var insert = history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion()));
        await db.Database.ExecuteSqlRawAsync(insert, cancellationToken);
    }
}
