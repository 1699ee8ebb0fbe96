using System.Text.Json;
using LessonReview.Core.Data;
using LessonReview.Core.Events;
using LessonReview.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Reviews;

/// <summary>
/// The one write path for review changes. Each change runs in a transaction that takes the review's
/// next sequence number, applies the change and records it in the event log; only after commit is it
/// broadcast. So the log and the hub never disagree, and a viewer who missed a broadcast finds it in
/// <c>GET /api/reviews/{id}/events?afterSeq=N</c>.
/// </summary>
public sealed class ReviewChanges(LessonReviewDb db, IReviewEventPublisher events, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Applies <paramref name="apply"/> with the next seq and the current instant; it returns the
    /// result and the event (type and payload) to record and broadcast.
    /// </summary>
    public async Task<T> ApplyAsync<T>(Guid reviewId, Func<long, DateTime, Task<(T Result, string Type, object Payload)>> apply,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        ReviewChange change;
        T result;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The UPDATE takes the row's write lock first, so concurrent writers queue here and get consecutive numbers.
            await db.Reviews.Where(r => r.Id == reviewId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Seq, r => r.Seq + 1).SetProperty(r => r.UpdatedAt, now), cancellationToken);
            var seq = await db.Reviews.Where(r => r.Id == reviewId).Select(r => r.Seq).SingleAsync(cancellationToken);

            (result, var type, var payload) = await apply(seq, now);
            var json = JsonSerializer.Serialize(payload, Json);
            db.ReviewEvents.Add(new ReviewEvent { ReviewId = reviewId, Seq = seq, Type = type, Payload = json, At = now });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            change = new ReviewChange(reviewId, seq, type, json);
        }
        await events.PublishAsync(change, CancellationToken.None);
        return result;
    }
}
