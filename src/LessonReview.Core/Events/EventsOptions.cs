namespace LessonReview.Core.Events;

/// <summary>Configuration section <c>Events</c>.</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";
    public const string InProcess = "InProcess";
    public const string PostgreSql = "PostgreSQL";

    /// <summary>
    /// <c>InProcess</c> (default: one web server, worker inside it) or <c>PostgreSQL</c> (LISTEN/NOTIFY:
    /// several web instances and separate workers; needs <c>Database:Provider=PostgreSQL</c>).
    /// </summary>
    public string Provider { get; set; } = InProcess;

    /// <summary>
    /// With several instances: another instance's viewers are forgotten when it has not been heard
    /// from for this long (it crashed or lost its database); each instance says it is alive three
    /// times as often.
    /// </summary>
    public int PresenceTimeoutSeconds { get; set; } = 45;

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);
}
