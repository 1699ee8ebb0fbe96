using System.Text.Json;
using Npgsql;

namespace LessonReview.Core.Events;

/// <summary>
/// Publishes lesson and review events to every instance with PostgreSQL NOTIFY. A review change
/// carries only its review id and seq (NOTIFY payloads stop at 8000 bytes, a comment may not):
/// listeners read the stored event, the same row the catch-up endpoint serves.
/// </summary>
public sealed class PostgresNotifyPublisher(NpgsqlDataSource dataSource) : ILessonEventPublisher, IReviewEventPublisher
{
    public const string Channel = "lessonreview_events";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task PublishAsync(LessonProgress progress, CancellationToken cancellationToken = default) =>
        NotifyAsync(new EventNotice("lesson", progress.LessonId, 0, null, progress), cancellationToken);

    public Task PublishAsync(ReviewChange change, CancellationToken cancellationToken = default) =>
        NotifyAsync(new EventNotice("review", change.ReviewId, change.Seq, change.Type, null), cancellationToken);

    /// <summary>Sends one notice to every instance listening on <see cref="Channel"/>.</summary>
    public async Task NotifyAsync(EventNotice notice, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        command.Parameters.AddWithValue(Channel);
        command.Parameters.AddWithValue(JsonSerializer.Serialize(notice, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static EventNotice? Parse(string payload) => JsonSerializer.Deserialize<EventNotice>(payload, Json);
}

/// <summary>
/// What travels in one NOTIFY: a lesson's progress whole ("lesson"), a pointer to a stored review
/// event ("review"), or a host-defined payload in <see cref="Data"/> (the web app's "presence").
/// </summary>
public sealed record EventNotice(string Kind, Guid Id, long Seq, string? Type, LessonProgress? Lesson, JsonElement? Data = null);

/// <summary>For a worker that runs beside the web app with in-process events: nobody to tell (progress is saved in the database).</summary>
public sealed class NoViewersPublisher : ILessonEventPublisher, IReviewEventPublisher
{
    public Task PublishAsync(LessonProgress progress, CancellationToken cancellationToken = default) => Task.CompletedTask;
    public Task PublishAsync(ReviewChange change, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
