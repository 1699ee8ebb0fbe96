using System.Diagnostics;

namespace LessonReview.TestSupport;

/// <summary>
/// A PostgreSQL server for tests that need one whatever the suite's database: the one
/// scripts/test.sh started (LESSONREVIEW_TEST_POSTGRES), or else a throwaway server on a free
/// loopback port with a temporary data directory (initdb + pg_ctl, as the postgres user when root),
/// stopped when the test process exits.
/// </summary>
public static class Postgres
{
    private static readonly Lazy<string> Server = new(StartOrReuse, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string of the server, without a database.</summary>
    public static string ServerConnectionString => Server.Value;

    /// <summary>A new, empty database on the server.</summary>
    public static string NewDatabase()
    {
        var name = "lr_" + Guid.NewGuid().ToString("N")[..16];
        using var admin = new Npgsql.NpgsqlConnection(ServerConnectionString + ";Database=postgres");
        admin.Open();
        using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", admin);
        create.ExecuteNonQuery();
        // Each database has its own connection pool, and Npgsql keeps idle connections for 5 minutes:
        // with a new database per test class (and two hosts in the scale-out tests) the suite once ran
        // the server out of its 300 connections. Idle ones here close after 10 s.
        return $"{ServerConnectionString};Database={name};Connection Idle Lifetime=10;Connection Pruning Interval=5";
    }

    private static string StartOrReuse()
    {
        if (Environment.GetEnvironmentVariable("LESSONREVIEW_TEST_POSTGRES") is { Length: > 0 } given) return given;
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d).Select(d => Path.Combine(d, "bin")).LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed; run scripts/setup.sh.");
        var dir = Directory.CreateTempSubdirectory("lessonreview-pg-").FullName;
        var port = Ports.Free();
        Run($"chown -R postgres '{dir}' 2>/dev/null; true", asPostgres: false);
        Run($"'{bin}/initdb' -A trust -U postgres -D '{dir}/data' >/dev/null", asPostgres: true);
        Run($"'{bin}/pg_ctl' -D '{dir}/data' -o \"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=300\" -l '{dir}/log' -w start >/dev/null", asPostgres: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run($"'{bin}/pg_ctl' -D '{dir}/data' -m immediate stop >/dev/null 2>&1; true", asPostgres: true);
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres";
    }

    private static void Run(string command, bool asPostgres)
    {
        var root = Environment.UserName == "root";
        var info = asPostgres && root
            ? new ProcessStartInfo("su", ["postgres", "-s", "/bin/bash", "-c", command])
            : new ProcessStartInfo("bash", ["-c", command]);
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{command}' failed: {error}");
    }
}
