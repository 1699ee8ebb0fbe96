namespace LessonReview.Core.Events;

/// <summary>Configuration section <c>Events</c>.</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";
    public const string InProcess = "InProcess";
    public const string PostgreSql = "PostgreSQL";

    /// <summary>
    /// <c>InProcess</c> (one web server, worker inside it) or <c>PostgreSQL</c> (LISTEN/NOTIFY:
    /// several web instances and separate workers; needs <c>Database:Provider=PostgreSQL</c>). Unset, it
    /// follows the database: PostgreSQL with PostgreSQL (so a second instance is never silently deaf), else InProcess.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>
    /// With several instances: another instance's viewers are forgotten when it has not been heard
    /// from for this long (it crashed or lost its database); each instance says it is alive three
    /// times as often.
    /// </summary>
    public int PresenceTimeoutSeconds { get; set; } = 45;

    /// <summary>The provider to use: as configured, or following <paramref name="databaseProvider"/> when unset.</summary>
    public string Effective(string databaseProvider)
    {
        if (string.IsNullOrWhiteSpace(Provider))
            return string.Equals(databaseProvider, Data.DatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase) ? PostgreSql : InProcess;
        if (string.Equals(Provider, InProcess, StringComparison.OrdinalIgnoreCase)) return InProcess;
        if (string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase)) return PostgreSql;
        throw new InvalidOperationException($"Events:Provider '{Provider}' is not known. Use InProcess or PostgreSQL, or leave it unset to follow Database:Provider.");
    }
}
