namespace LessonReview.Web.Hosting;

/// <summary>
/// Work every instance does on a period (reminders and digests, retention): once at start-up, then
/// every <c>minutes</c>; a run that fails is logged and the next one tries again. 0 minutes: never.
/// </summary>
public abstract class PeriodicWork(int minutes, string what, TimeProvider clock, ILogger log) : BackgroundService
{
    protected ILogger Log => log;

    protected abstract Task RunAsync(DateTime utcNow, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (minutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        do
        {
            try { await RunAsync(clock.GetUtcNow().UtcDateTime, stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogWarning(e, "The {Work} failed; trying again at the next one", what); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
