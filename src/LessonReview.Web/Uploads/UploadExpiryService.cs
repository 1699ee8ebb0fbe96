using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
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

    /// <summary>Deletes expired uploads; returns how many went (one finished meanwhile stays).</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var lifecycle = scope.ServiceProvider.GetRequiredService<LessonLifecycle>();
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.Lessons
            .Where(l => l.Status == LessonStatus.Uploading && l.UploadExpiresAt < now)
            .Select(l => l.Id).ToListAsync(cancellationToken);
        var removed = 0;
        foreach (var id in expired)
            if (await lifecycle.ExpireAsync(id, now, cancellationToken)) removed++;
        if (removed > 0) log.LogInformation("Removed {Count} expired uploads", removed);
        return removed;
    }
}
