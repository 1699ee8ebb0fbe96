using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using LessonReview.Core.Data;
using LessonReview.Core.Processing;
using LessonReview.TestSupport;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LessonReview.Web.Tests.Chaos;

/// <summary>
/// Faults while people work, on loopback and bounded in time: two web instances on PostgreSQL, 50
/// viewers of one review, a fifth of them dropped and reconnected every second, 500 comments posted
/// across both instances, one instance's LISTEN connection killed and the other instance killed and
/// restarted mid-burst. Every viewer must end with exactly the 500 comments, in order, none twice.
/// And a worker killed with SIGKILL mid-encode leaves no orphan ffmpeg; the lesson still ends ready.
/// </summary>
public sealed class ChaosTests : IDisposable
{
    private const int Viewers = 50;
    private const int Comments = 500;
    private readonly TempFolder _shared = new();
    private readonly string _database = Postgres.NewDatabase();

    public void Dispose() => _shared.Dispose();

    private Dictionary<string, string?> Settings(string instance, bool worker = false) => new()
    {
        ["Database:Provider"] = "PostgreSQL",
        // Each instance names itself to PostgreSQL, so the test can cut exactly one listener.
        ["ConnectionStrings:Database"] = $"{_database};Application Name={instance}",
        ["Worker:Enabled"] = worker ? "true" : "false",
        ["Worker:LeaseSeconds"] = "10",
        ["Worker:PollSeconds"] = "1",
        ["RateLimits:WriteBurst"] = "100000",
        ["RateLimits:WritesPerTenSeconds"] = "100000",
        ["DataDirectory"] = _shared.Path,
    };

    [Fact]
    public async Task Every_viewer_ends_with_every_comment_once_in_order_through_drops_a_lost_listener_and_a_restart()
    {
        var a = AppHost.With(Settings("lr-a", worker: true), _shared.Path);
        var b = AppHost.With(Settings("lr-b"), _shared.Path);
        try
        {
            await Task.WhenAll(Listening(a), Listening(b));
            var trainee = await a.TraineeAsync();
            var lessonId = await Tus.UploadAsync(trainee, await TestClips.LandscapeH264Async(), "Chaos");
            Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId)).Status);
            var review = (await (await a.OpenMentoredReviewAsync(trainee, lessonId)).Content.ReadFromJsonAsync<ReviewDto>())!;
            var coordinator = a.CookieHeader(await a.CoordinatorAsync());
            var traineeCookie = a.CookieHeader(trainee);

            Uri AnyLive() => a.BaseAddress; // A stays up throughout; B is the one restarted
            var viewers = Enumerable.Range(0, Viewers).Select(i => new ReviewViewer(review.Id, i % 2 == 0 ? traineeCookie : coordinator, AnyLive)).ToList();
            await Task.WhenAll(viewers.Select((v, i) => v.OpenAsync(i % 2 == 0 ? a.BaseAddress : b.BaseAddress)));

            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            var random = new Random(7);
            var drops = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await Task.Delay(1000);
                    var servers = new[] { a.BaseAddress, b.BaseAddress };
                    await Task.WhenAll(viewers.OrderBy(_ => random.Next()).Take(Viewers / 5)
                        .Select(v => Quietly(() => v.ReconnectAsync(servers[random.Next(2)]))));
                }
            });

            // 500 comments at about 50 a second, alternating instances; a post an instance cannot take goes, same id, to the other.
            var posted = new ConcurrentBag<Guid>();
            var posts = new List<Task>();
            for (var i = 0; i < Comments; i++)
            {
                if (i == 150) await KillListenerAsync("lr-a");
                if (i == 250)
                {
                    b.Dispose(); // an instance dies mid-burst…
                    b = AppHost.With(Settings("lr-b"), _shared.Path); // …and comes back
                }
                var id = Guid.NewGuid();
                var first = i % 2 == 0 ? a : b;
                posts.Add(PostAsync(first, a, coordinator, review.Id, id, i).ContinueWith(t => { if (t.IsCompletedSuccessfully) posted.Add(id); }));
                await Task.Delay(20);
            }
            await Task.WhenAll(posts);
            await stop.CancelAsync();
            await drops;
            Assert.Equal(Comments, posted.Count);

            // Everyone converges without being told to: live events, gaps caught up, CatchUp after the lost listener.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && viewers.Any(v => v.Applied.Count < Comments)) await Task.Delay(200);

            var stored = (await trainee.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!.Comments.OrderBy(c => c.Seq).Select(c => c.Id).ToList();
            Assert.Equal(posted.Order(), stored.Order()); // the server kept each exactly once
            foreach (var viewer in viewers)
            {
                var applied = viewer.Applied;
                Assert.Equal(stored, applied.Select(x => x.Id).ToList()); // all 500, none twice, in the server's order
                Assert.Equal(applied.Select(x => x.Seq).Order(), applied.Select(x => x.Seq)); // never an older one after a newer one
            }
            Assert.True(viewers.Sum(v => v.Reconnects) > 50, "viewers were dropped and came back during the burst");
            Console.WriteLine($"chaos: {Comments} comments in {clock.Elapsed.TotalSeconds:0.0} s, {Viewers} viewers, {viewers.Sum(v => v.Reconnects)} reconnects, all converged");
            await Task.WhenAll(viewers.Select(v => v.DisposeAsync().AsTask()));
        }
        finally
        {
            a.Dispose();
            b.Dispose();
        }
    }

    [Fact]
    public async Task A_worker_killed_with_SIGKILL_mid_encode_leaves_no_orphan_ffmpeg_and_the_lesson_ends_ready()
    {
        var settings = Settings("lr-w");
        using var web = AppHost.With(settings, _shared.Path);
        var trainee = await web.TraineeAsync();
        var killed = WorkerProcess.Start(settings);
        var lessonId = await Tus.UploadAsync(trainee, await TestClips.Mpeg4Async(seconds: 60), "Killed mid-encode");
        await Tus.WaitUntilWellIntoProcessingAsync(trainee, lessonId);
        var marker = Path.Combine(WorkFolders.Root, $"{killed.Id}-");
        Assert.NotEmpty(FfmpegWritingUnder(marker)); // the encode is running
        killed.KillProcessOnly();
        Assert.NotEmpty(FfmpegWritingUnder(marker)); // kill -9 left it behind, an orphan

        using var second = WorkerProcess.Start(settings);
        var done = await Tus.WaitUntilProcessedAsync(trainee, lessonId, 180);

        Assert.Equal("ready", done.Status);
        Assert.Empty(FfmpegWritingUnder(marker));
        Assert.False(Directory.EnumerateDirectories(WorkFolders.Root).Any(d => d.StartsWith(marker, StringComparison.Ordinal)), "its work folder is gone");
        killed.Dispose();
    }

    private static IEnumerable<int> FfmpegWritingUnder(string marker) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => int.TryParse(n, out _)).Select(int.Parse!)
            .Where(pid =>
            {
                try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(marker, StringComparison.Ordinal); }
                catch (IOException) { return false; }
            }).ToList();

    private static async Task PostAsync(AppHost first, AppHost fallback, string cookie, Guid reviewId, Guid id, int n)
    {
        var body = new { id, atSeconds = 1 + n % 4, kind = "note", text = $"chaos comment {n}" };
        for (var attempt = 0; ; attempt++)
        {
            var host = attempt % 2 == 0 ? first : fallback;
            try
            {
                using var client = host.ClientWithCookie(cookie);
                var response = await client.PostAsJsonAsync($"/api/reviews/{reviewId}/comments", body);
                if (response.IsSuccessStatusCode) return;
                if (attempt > 20) throw new InvalidOperationException($"comment {n} answered {(int)response.StatusCode}");
            }
            catch (Exception e) when (attempt <= 20 && e is HttpRequestException or ObjectDisposedException or TaskCanceledException) { }
            await Task.Delay(100);
        }
    }

    private async Task KillListenerAsync(string instance)
    {
        await using var db = new LessonReviewDb(DatabaseProviders.Options(DatabaseOptions.PostgreSql, _database));
        var killed = await db.Database.SqlQuery<bool>(
            $"SELECT pg_terminate_backend(pid) AS \"Value\" FROM pg_stat_activity WHERE application_name = {instance} AND query LIKE 'LISTEN%'").ToListAsync();
        Assert.NotEmpty(killed);
    }

    private static async Task Quietly(Func<Task> work)
    {
        try { await work(); }
        catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException or InvalidOperationException or ObjectDisposedException or TimeoutException) { }
    }

    private static Task Listening(AppHost host) => host.ListeningAsync();
}
