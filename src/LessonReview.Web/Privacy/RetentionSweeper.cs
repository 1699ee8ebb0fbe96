using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Privacy;

/// <summary>
/// Keeps recordings of pupils no longer than needed: deletes originals Privacy:OriginalRetentionDays
/// after their lesson became playable (the playable rendition, poster and storyboard stay), and the
/// lessons of accounts switched off Privacy:LessonRetentionDays ago. Every instance may sweep: each
/// step is idempotent.
/// </summary>
public sealed class RetentionSweeper(IServiceScopeFactory scopes, IOptions<PrivacyOptions> options, TimeProvider clock, ILogger<RetentionSweeper> log)
    : Hosting.PeriodicWork(options.Value.SweepMinutes, "retention sweep", clock, log)
{
    protected override Task RunAsync(DateTime utcNow, CancellationToken cancellationToken) => SweepAsync(utcNow, cancellationToken);

    /// <summary>(originals deleted, lessons purged) at <paramref name="utcNow"/>.</summary>
    public async Task<(int Originals, int Lessons)> SweepAsync(DateTime utcNow, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var storage = scope.ServiceProvider.GetRequiredService<IMediaStorage>();
        var (originals, lessons) = (0, 0);

        if (options.Value.OriginalRetentionDays > 0)
        {
            // The query's form of PrivacyOptions.OriginalDeletionDue (readyAt + days <= now), which the lesson page shows.
            var before = utcNow.AddDays(-options.Value.OriginalRetentionDays);
            var due = await db.Lessons.Where(l => l.Status == LessonStatus.Ready && l.OriginalDeletedAt == null && l.ReadyAt <= before)
                .Select(l => l.Id).ToListAsync(cancellationToken);
            foreach (var id in due)
            {
                await storage.DeletePrefixAsync(MediaKeys.Original(id), cancellationToken);
                await db.Lessons.Where(l => l.Id == id).ExecuteUpdateAsync(u => u.SetProperty(l => l.OriginalDeletedAt, utcNow), cancellationToken);
                originals++;
            }
        }
        if (options.Value.LessonRetentionDays > 0)
        {
            var before = utcNow.AddDays(-options.Value.LessonRetentionDays);
            var owners = db.Users.Where(u => u.DisabledAt <= before).Select(u => u.Id);
            var lifecycle = scope.ServiceProvider.GetRequiredService<LessonLifecycle>();
            foreach (var lesson in await db.Lessons.Where(l => owners.Contains(l.OwnerId)).ToListAsync(cancellationToken))
            {
                await lifecycle.DeleteAsync(lesson, cancellationToken);
                lessons++;
            }
        }
        if (originals + lessons > 0) Log.LogInformation("Retention: deleted {Originals} original(s) and {Lessons} lesson(s) of switched-off accounts", originals, lessons);
        return (originals, lessons);
    }
}
