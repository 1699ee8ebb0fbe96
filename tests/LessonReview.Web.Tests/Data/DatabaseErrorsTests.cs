using LessonReview.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LessonReview.Web.Tests.Data;

/// <summary>Each database failure maps to the status of its cause (FailureExceptionHandler answers it).</summary>
public sealed class DatabaseErrorsTests
{
    public static TheoryData<Exception, FailureKind> Cases => new()
    {
        { new DbUpdateException("x", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)), FailureKind.Conflict },
        { new DbUpdateException("x", new PostgresException("invalid byte sequence 0x00", "ERROR", "ERROR", PostgresErrorCodes.CharacterNotInRepertoire)), FailureKind.InvalidValue },
        { new DbUpdateException("x", new PostgresException("could not extend file", "ERROR", "ERROR", PostgresErrorCodes.DiskFull)), FailureKind.OutOfSpace },
        { new PostgresException("terminating connection", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown), FailureKind.Unavailable },
        { new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)), FailureKind.Unavailable },
        { new DbUpdateException("x", new SqliteException("UNIQUE constraint failed", 19)), FailureKind.Conflict },
        { new DbUpdateException("x", new SqliteException("database or disk is full", 13)), FailureKind.OutOfSpace },
        { new SqliteException("database is locked", 5), FailureKind.Unavailable },
        { new IOException("No space left on device", 28), FailureKind.OutOfSpace },
        { new DbUpdateConcurrencyException("changed"), FailureKind.Conflict },
        { new InvalidOperationException("a bug"), FailureKind.Unknown },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Failures_are_classified_by_cause(Exception exception, FailureKind expected) =>
        Assert.Equal(expected, DatabaseErrors.Classify(exception));
}

/// <summary>Events follow the database unless set, so a second instance on PostgreSQL is never silently deaf.</summary>
public sealed class EventsProviderTests
{
    [Theory]
    [InlineData(null, "PostgreSQL", "PostgreSQL")]
    [InlineData(null, "Sqlite", "InProcess")]
    [InlineData("InProcess", "PostgreSQL", "InProcess")]
    [InlineData("postgresql", "PostgreSQL", "PostgreSQL")]
    public void The_events_provider_follows_the_database_unless_set(string? configured, string database, string expected) =>
        Assert.Equal(expected, new Core.Events.EventsOptions { Provider = configured }.Effective(database));

    [Fact]
    public void An_unknown_events_provider_stops_start_up_with_the_choices() =>
        Assert.Contains("Use InProcess or PostgreSQL", Assert.Throws<InvalidOperationException>(() => new Core.Events.EventsOptions { Provider = "Redis" }.Effective("Sqlite")).Message);
}
