using System.Security.Cryptography;
using System.Text;
using LessonReview.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LessonReview.Web.Tests.Support;

/// <summary>
/// Which database the integration suite runs on: SQLite by default; PostgreSQL when
/// scripts/test.sh sets LESSONREVIEW_TEST_DATABASE=PostgreSQL and LESSONREVIEW_TEST_POSTGRES (a
/// server it started on loopback). Each app gets its own database, named after its data folder,
/// so a "restarted" app on the same folder finds the same data.
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("LESSONREVIEW_TEST_DATABASE"), "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    private static string Server => Environment.GetEnvironmentVariable("LESSONREVIEW_TEST_POSTGRES")
        ?? throw new InvalidOperationException("LESSONREVIEW_TEST_POSTGRES is not set: run the suite through scripts/test.sh.");

    /// <summary>Configuration for an app whose data lives in <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string?> Settings(string dataDirectory) => IsPostgres
        ? new() { ["Database:Provider"] = "PostgreSQL", ["ConnectionStrings:Database"] = EnsureDatabase(dataDirectory) }
        : [];

    /// <summary>Options for the database an <see cref="AppHost"/> on <paramref name="dataDirectory"/> uses.</summary>
    public static DbContextOptions<LessonReviewDb> Options(string dataDirectory) => IsPostgres
        ? DatabaseProviders.Options(DatabaseOptions.PostgreSql, EnsureDatabase(dataDirectory))
        : DatabaseProviders.Options(DatabaseOptions.Sqlite, $"Data Source={Path.Combine(dataDirectory, "lessonreview.db")}");

    /// <summary>Column name → nullable, as the database has it.</summary>
    public static async Task<Dictionary<string, bool>> ColumnsAsync(LessonReviewDb db, string table)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = IsPostgres
            ? $"SELECT column_name, is_nullable = 'YES' FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}'"
            : $"SELECT name, \"notnull\" = 0 FROM pragma_table_info('{table}')";
        var columns = new Dictionary<string, bool>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns[reader.GetString(0)] = reader.GetBoolean(1);
        return columns;
    }

    private static string EnsureDatabase(string dataDirectory)
    {
        var name = "lr_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory)))[..16].ToLowerInvariant();
        using (var admin = new NpgsqlConnection(Server + ";Database=postgres"))
        {
            admin.Open();
            using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", admin);
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                create.ExecuteNonQuery();
            }
        }
        return $"{Server};Database={name}";
    }
}
