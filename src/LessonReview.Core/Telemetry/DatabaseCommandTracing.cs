using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LessonReview.Core.Telemetry;

/// <summary>
/// A span for each database command EF Core runs (OpenTelemetry's EF Core instrumentation is not in
/// this registry; this is the smallest stand-in, on EF's own interceptor seam). Spans follow the
/// OpenTelemetry database conventions: <c>db.system</c>, <c>db.query.text</c>, status on failure.
/// Costs nothing when no one listens to <see cref="LessonReviewTelemetry.Source"/>.
/// </summary>
public sealed class DatabaseCommandTracing : DbCommandInterceptor
{
    public static readonly DatabaseCommandTracing Instance = new();
    private readonly ConcurrentDictionary<Guid, Activity> _running = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    { Start(command, eventData); return result; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    { Start(command, eventData); return ValueTask.FromResult(result); }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    { Start(command, eventData); return result; }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    { Start(command, eventData); return ValueTask.FromResult(result); }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    { Start(command, eventData); return result; }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    { Start(command, eventData); return ValueTask.FromResult(result); }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    { Stop(eventData.CommandId, null); return result; }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    { Stop(eventData.CommandId, null); return ValueTask.FromResult(result); }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    { Stop(eventData.CommandId, null); return result; }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    { Stop(eventData.CommandId, null); return ValueTask.FromResult(result); }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    { Stop(eventData.CommandId, null); return result; }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    { Stop(eventData.CommandId, null); return ValueTask.FromResult(result); }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Stop(eventData.CommandId, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    { Stop(eventData.CommandId, eventData.Exception); return Task.CompletedTask; }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Stop(eventData.CommandId, null);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    { Stop(eventData.CommandId, null); return Task.CompletedTask; }

    private void Start(DbCommand command, CommandEventData eventData)
    {
        var system = SystemOf(eventData.Context?.Database.ProviderName);
        var activity = LessonReviewTelemetry.Source.StartActivity($"{system} {Operation(command.CommandText)}", ActivityKind.Client);
        if (activity is null) return; // nobody listening
        activity.SetTag("db.system.name", system);
        activity.SetTag("db.namespace", command.Connection?.Database);
        activity.SetTag("db.query.text", command.CommandText); // parameters are placeholders, values are not recorded
        _running[eventData.CommandId] = activity;
    }

    private void Stop(Guid commandId, Exception? error)
    {
        if (!_running.TryRemove(commandId, out var activity)) return;
        if (error is not null) activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.Dispose();
    }

    private static string SystemOf(string? provider) => provider switch
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL" => "postgresql",
        "Microsoft.EntityFrameworkCore.SqlServer" => "microsoft.sql_server",
        "Microsoft.EntityFrameworkCore.Sqlite" => "sqlite",
        _ => "other_sql",
    };

    private static string Operation(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        var end = text.IndexOfAny(' ', '\n', '\r');
        return (end < 0 ? text : text[..end]).ToString().ToUpperInvariant();
    }
}
