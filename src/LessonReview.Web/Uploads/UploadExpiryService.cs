using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Uploads;

/// <summary>Removes uploads left unfinished past their Upload-Expires, bytes included.</summary>
public sealed class UploadExpiryService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<UploadExpiryService> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RemoveExpiredAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Could not remove expired uploads; will try again");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes expired uploads; returns how many.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var storage = scope.ServiceProvider.GetRequiredService<IMediaStorage>();
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.Lessons
            .Where(l => l.Status == LessonStatus.Uploading && l.UploadExpiresAt < now)
            .Select(l => l.Id).ToListAsync(cancellationToken);
        foreach (var id in expired)
        {
            // Only if still unfinished: the trainee may have sent the last byte a moment ago.
            int removed;
            try
            {
                removed = await db.Lessons.Where(l => l.Id == id && l.Status == LessonStatus.Uploading && l.UploadExpiresAt < now)
                    .ExecuteDeleteAsync(cancellationToken);
            }
            catch (Exception e) when (DatabaseErrors.Classify(e) == FailureKind.OutOfSpace)
            {
                // A full disk: free the bytes now (that is what makes room); the row goes on a later round.
                await storage.DeletePrefixAsync(MediaKeys.Folder(id), cancellationToken);
                log.LogWarning("Freed the bytes of expired upload {LessonId}; its row stays until the database can write", id);
                continue;
            }
            if (removed == 1) await storage.DeletePrefixAsync(MediaKeys.Folder(id), cancellationToken);
        }
        if (expired.Count > 0) log.LogInformation("Removed {Count} expired uploads", expired.Count);
        return expired.Count;
    }
}
