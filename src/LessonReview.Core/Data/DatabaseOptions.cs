namespace LessonReview.Core.Data;

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";
    public const string SqlServer = "SqlServer";

    /// <summary><c>Sqlite</c> (default), <c>PostgreSQL</c> or <c>SqlServer</c> (also Azure SQL).</summary>
    public string Provider { get; set; } = Sqlite;
}
