using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LessonReview.Core.Data;

/// <summary>What a database or storage failure means for the person who caused it.</summary>
public enum FailureKind
{
    /// <summary>Not recognised: a bug, 500.</summary>
    Unknown,
    /// <summary>Another change won a race (a unique key taken, a row changed meanwhile): 409.</summary>
    Conflict,
    /// <summary>The value cannot be stored (a NUL character, invalid text): 400.</summary>
    InvalidValue,
    /// <summary>The disk or database volume is full: 507.</summary>
    OutOfSpace,
    /// <summary>The database cannot be reached or is busy: 503.</summary>
    Unavailable,
}

/// <summary>Classifies exceptions from SQLite, PostgreSQL and the file system by cause.</summary>
public static class DatabaseErrors
{
    private const int EnoSpc = 28;

    public static FailureKind Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                    return FailureKind.Conflict;
                case PostgresException pg:
                    return pg.SqlState switch
                    {
                        PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => FailureKind.Conflict,
                        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.InvalidTextRepresentation
                            or PostgresErrorCodes.StringDataRightTruncation => FailureKind.InvalidValue,
                        PostgresErrorCodes.DiskFull or PostgresErrorCodes.InsufficientResources or PostgresErrorCodes.OutOfMemory => FailureKind.OutOfSpace,
                        _ when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                            || pg.SqlState == PostgresErrorCodes.TooManyConnections => FailureKind.Unavailable,
                        _ => FailureKind.Unknown,
                    };
                case NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException }:
                    return FailureKind.Unavailable;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode switch
                    {
                        19 => FailureKind.Conflict,      // SQLITE_CONSTRAINT (a unique id taken by a racing request)
                        13 => FailureKind.OutOfSpace,    // SQLITE_FULL
                        5 or 6 or 10 or 14 => FailureKind.Unavailable, // BUSY, LOCKED, IOERR, CANTOPEN
                        _ => FailureKind.Unknown,
                    };
                case IOException io when (io.HResult & 0xFFFF) == EnoSpc || io.Message.Contains("No space left", StringComparison.Ordinal):
                    return FailureKind.OutOfSpace;
            }
        }
        return FailureKind.Unknown;
    }
}
