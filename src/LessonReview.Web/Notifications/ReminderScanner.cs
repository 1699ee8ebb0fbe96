using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Core.Notifications;
using LessonReview.Core.Reviews;
using LessonReview.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LessonReview.Web.Notifications;

/// <summary>
/// Notices nobody's action causes: a trainee's action items due tomorrow (the day before the next
/// lesson they gave), and each coordinator's Monday digest. Each is keyed (the day, the week), so
/// every instance may scan and each person still gets one.
/// </summary>
public sealed class ReminderScanner(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, IOptions<LocalizationSettings> localization,
    TimeProvider clock, ILogger<ReminderScanner> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ScanMinutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.ScanMinutes), clock);
        do
        {
            try { await ScanAsync(clock.GetUtcNow().UtcDateTime, stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogWarning(e, "The reminder scan failed; trying again at the next one"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Adds every reminder and digest due at <paramref name="utcNow"/>; how many were added.</summary>
    public async Task<int> ScanAsync(DateTime utcNow, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        return await ItemsDueTomorrowAsync(db, notifier, utcNow, cancellationToken) + await DigestsAsync(db, notifier, utcNow, cancellationToken);
    }

    private async Task<int> ItemsDueTomorrowAsync(LessonReviewDb db, Notifier notifier, DateTime utcNow, CancellationToken cancellationToken)
    {
        // Every zone's tomorrow lies within a day either side of UTC's.
        var (from, to) = (DateOnly.FromDateTime(utcNow).AddDays(-1), DateOnly.FromDateTime(utcNow).AddDays(2));
        var due = await db.ActionItems.Where(i => i.Status == ActionItemStatus.Open && i.DueDate >= from && i.DueDate <= to)
            .Join(db.Reviews, i => i.ReviewId, r => r.Id, (i, r) => new { i.DueDate, r.LessonId })
            .Join(db.Lessons, x => x.LessonId, l => l.Id, (x, l) => new { x.DueDate, l.OwnerId })
            .ToListAsync(cancellationToken);
        var added = 0;
        foreach (var trainee in due.GroupBy(d => d.OwnerId))
        {
            var zone = await ZoneOfAsync(db, trainee.Key, cancellationToken);
            var local = TimeZoneInfo.ConvertTimeFromUtc(utcNow, zone);
            if (local.Hour < options.Value.ReminderHour) continue;
            var tomorrow = DateOnly.FromDateTime(local).AddDays(1);
            var count = trainee.Count(d => d.DueDate == tomorrow);
            if (count == 0) continue;
            var day = tomorrow.ToString("yyyy-MM-dd");
            await notifier.NotifyAsync([trainee.Key], new Notifier.Note(NotificationKinds.ItemsDue,
                new("{0} of your action items are due tomorrow ({1}). Look at them before your next lesson.", count, day), "/next", $"items-due:{day}"), cancellationToken);
            added++;
        }
        return added;
    }

    private async Task<int> DigestsAsync(LessonReviewDb db, Notifier notifier, DateTime utcNow, CancellationToken cancellationToken)
    {
        var coordinators = await db.UsersInRole(Roles.Coordinator).Select(u => new { u.Id, u.TimeZone, u.LockoutEnd }).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var coordinator in coordinators.Where(c => !User.IsSwitchedOff(c.LockoutEnd)))
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(utcNow, TimeZones.Find(coordinator.TimeZone) ?? DefaultZone);
            if (local.DayOfWeek != DayOfWeek.Monday || local.Hour < options.Value.ReminderHour) continue;
            var today = DateOnly.FromDateTime(local);
            var shared = db.Reviews.Where(r => r.Kind != ReviewKinds.Self || r.SharedAt != null);
            var waiting = await shared.CountAsync(r => r.Stage == ReviewStages.Observe, cancellationToken);
            var overdue = await db.ActionItems.Where(i => i.Status == ActionItemStatus.Open && i.DueDate < today && shared.Any(r => r.Id == i.ReviewId)).CountAsync(cancellationToken);
            var weekAgo = utcNow.AddDays(-7);
            var finished = await db.StageChanges.Where(c => c.Stage == ReviewStages.Done && c.At >= weekAgo && shared.Any(r => r.Id == c.ReviewId))
                .Select(c => c.ReviewId).Distinct().CountAsync(cancellationToken);
            await notifier.NotifyAsync([coordinator.Id], new Notifier.Note(NotificationKinds.WeeklyDigest,
                new("Your programme this week: {0} reviews waiting for feedback, {1} action items overdue, {2} reviews finished in the last 7 days.", waiting, overdue, finished),
                "/programme", $"digest:{today:yyyy-MM-dd}"), cancellationToken);
            added++;
        }
        return added;
    }

    private TimeZoneInfo DefaultZone => TimeZones.Find(localization.Value.DefaultTimeZone)!;

    private async Task<TimeZoneInfo> ZoneOfAsync(LessonReviewDb db, Guid userId, CancellationToken cancellationToken) =>
        TimeZones.Find(await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleOrDefaultAsync(cancellationToken)) ?? DefaultZone;
}
