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
    TimeProvider clock, ILogger<ReminderScanner> log) : Hosting.PeriodicWork(options.Value.ScanMinutes, "reminder scan", clock, log)
{
    protected override Task RunAsync(DateTime utcNow, CancellationToken cancellationToken) => ScanAsync(utcNow, cancellationToken);

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
            .Join(db.Users, x => x.OwnerId, u => u.Id, (x, u) => new { x.DueDate, x.OwnerId, u.TimeZone }) // each trainee's zone, in the same query
            .ToListAsync(cancellationToken);
        var added = 0;
        foreach (var trainee in due.GroupBy(d => (d.OwnerId, d.TimeZone)))
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(utcNow, TimeZones.Find(trainee.Key.TimeZone) ?? DefaultZone);
            if (local.Hour < options.Value.ReminderHour) continue;
            var tomorrow = DateOnly.FromDateTime(local).AddDays(1);
            var count = trainee.Count(d => d.DueDate == tomorrow);
            if (count == 0) continue;
            var day = tomorrow.ToString("yyyy-MM-dd");
            await notifier.NotifyAsync([trainee.Key.OwnerId], new Notifier.Note(NotificationKinds.ItemsDue,
                count == 1
                    ? new("One of your action items is due tomorrow ({1}). Look at it before your next lesson.", count, day)
                    : new("{0} of your action items are due tomorrow ({1}). Look at them before your next lesson.", count, day),
                "/next", $"items-due:{day}"), cancellationToken);
            added++;
        }
        return added;
    }

    private async Task<int> DigestsAsync(LessonReviewDb db, Notifier notifier, DateTime utcNow, CancellationToken cancellationToken)
    {
        var coordinators = await db.UsersInRole(Roles.Coordinator).Select(u => new { u.Id, u.TimeZone, u.LockoutEnd }).ToListAsync(cancellationToken);
        var added = 0;
        var weeks = new Dictionary<DateOnly, (int Waiting, int Overdue, int Finished)>(); // counted once per "today", not per coordinator
        foreach (var coordinator in coordinators.Where(c => !User.IsSwitchedOff(c.LockoutEnd)))
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(utcNow, TimeZones.Find(coordinator.TimeZone) ?? DefaultZone);
            if (local.DayOfWeek != DayOfWeek.Monday || local.Hour < options.Value.ReminderHour) continue;
            var today = DateOnly.FromDateTime(local);
            if (!weeks.TryGetValue(today, out var week)) weeks[today] = week = await WeekAsync(db, today, utcNow, cancellationToken);
            await notifier.NotifyAsync([coordinator.Id], new Notifier.Note(NotificationKinds.WeeklyDigest,
                new("Your programme this week: reviews waiting for feedback: {0}; action items overdue: {1}; reviews finished in the last 7 days: {2}.", week.Waiting, week.Overdue, week.Finished),
                "/programme", $"digest:{today:yyyy-MM-dd}"), cancellationToken);
            added++;
        }
        return added;
    }

    private static async Task<(int Waiting, int Overdue, int Finished)> WeekAsync(LessonReviewDb db, DateOnly today, DateTime utcNow, CancellationToken cancellationToken)
    {
        var shared = db.Reviews.Shared();
        var waiting = await shared.CountAsync(r => r.Stage == ReviewStages.Observe, cancellationToken);
        var overdue = await db.ActionItems.Where(i => i.Status == ActionItemStatus.Open && i.DueDate < today && shared.Any(r => r.Id == i.ReviewId)).CountAsync(cancellationToken);
        var weekAgo = utcNow.AddDays(-7);
        var finished = await db.StageChanges.Where(c => c.Stage == ReviewStages.Done && c.At >= weekAgo && shared.Any(r => r.Id == c.ReviewId))
            .Select(c => c.ReviewId).Distinct().CountAsync(cancellationToken);
        return (waiting, overdue, finished);
    }

    private TimeZoneInfo DefaultZone => TimeZones.Find(localization.Value.DefaultTimeZone)!;
}
