using System.Net.Http.Json;
using System.Text.Json;
using LessonReview.Core.Data;
using LessonReview.Core.Processing;
using LessonReview.TestSupport;
using LessonReview.Web.Realtime;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LessonReview.Web.Tests;

/// <summary>
/// Production shape on one PostgreSQL and one storage: two web instances with events over
/// LISTEN/NOTIFY and separate worker processes (always PostgreSQL, whatever this run's database).
/// </summary>
public sealed class ScaleOutTests : IDisposable
{
    private readonly TempFolder _shared = new();
    private readonly Dictionary<string, string?> _settings;

    public ScaleOutTests()
    {
        _settings = new()
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Database"] = Postgres.NewDatabase(),
            ["Events:Provider"] = "PostgreSQL",
            ["Worker:Enabled"] = "false",
            ["Worker:LeaseSeconds"] = "10",
            ["Worker:PollSeconds"] = "1",
            ["DataDirectory"] = _shared.Path,
        };
    }

    public void Dispose() => _shared.Dispose();

    [Fact]
    public async Task Upload_on_A_progress_seen_on_B_comment_on_B_received_on_A_with_a_separate_worker()
    {
        using var a = AppHost.With(_settings, _shared.Path);
        using var b = AppHost.With(_settings, _shared.Path);
        await Task.WhenAll(Listening(a), Listening(b));
        using var worker = WorkerProcess.Start(_settings);

        var onA = await a.TraineeAsync();
        var bytes = await File.ReadAllBytesAsync(await TestClips.Mpeg4Async(seconds: 30));
        var location = (await Tus.CreateAsync(onA, bytes.Length, Tus.Metadata(("filename", "class.avi"), ("title", "Scale-out")))).Headers.Location!.ToString();
        var lessonId = Guid.Parse(location.Split('/').Last());
        await using var watcherOnB = await HubProbe.StartAsync(b, await b.TraineeAsync(), ("JoinLesson", lessonId));
        await Tus.PatchAsync(onA, location, 0, new ByteArrayContent(bytes));

        await watcherOnB.WaitForAsync("LessonProgress", p => p.GetProperty("status").GetString() == "processing" && p.GetProperty("progress").GetDouble() > 0, 60_000);
        await watcherOnB.WaitForAsync("LessonProgress", p => p.GetProperty("status").GetString() == "ready", 90_000);

        var review = (await (await a.OpenMentoredReviewAsync(onA, lessonId)).Content.ReadFromJsonAsync<ReviewDto>())!;
        await using var watcherOnA = await HubProbe.StartAsync(a, onA, ("JoinReview", review.Id));
        var comment = await ReviewHost.CommentAsync(await b.TraineeAsync(), review.Id, 3, "Posted on instance B");

        var received = await watcherOnA.WaitForAsync("CommentAdded");
        Assert.Equal(comment.Id, received.GetProperty("data").GetProperty("id").GetGuid());

        // Presence spans instances: the trainee on A sees the coordinator who joined on B.
        await using var coordinatorOnB = await HubProbe.StartAsync(b, await b.CoordinatorAsync(), ("JoinReview", review.Id));
        var presence = await watcherOnA.WaitForAsync("PresenceChanged", p => p.GetProperty("viewers").GetArrayLength() == 2);
        Assert.Contains(presence.GetProperty("data").GetProperty("viewers").EnumerateArray(), v => v.GetProperty("role").GetString() == "coordinator");
    }

    [Fact]
    public async Task Viewers_announced_by_an_instance_that_then_crashed_disappear_from_the_list()
    {
        var settings = new Dictionary<string, string?>(_settings) { ["Worker:Enabled"] = "true", ["Events:PresenceTimeoutSeconds"] = "3" };
        using var a = AppHost.With(settings, _shared.Path);
        await Listening(a);
        var trainee = await a.TraineeAsync();
        var review = await ReviewOfAReadyLessonAsync(a, trainee);
        await using var watcher = await HubProbe.StartAsync(a, trainee, ("JoinReview", review.Id));

        // Another instance announces its viewer, then dies: it never says it is alive again.
        var crashed = new PresenceNotice("crashed-instance", review.Id, [new Viewer(Guid.NewGuid(), "Mentor on a crashed instance", "mentor")]);
        await a.Services.GetRequiredService<Core.Events.PostgresNotifyPublisher>().NotifyAsync(new Core.Events.EventNotice(
            PostgresPresenceAnnouncer.Kind, review.Id, 0, null, null, JsonSerializer.SerializeToElement(crashed, PostgresPresenceAnnouncer.Json)));
        await watcher.WaitForAsync("PresenceChanged", p => p.GetProperty("viewers").GetArrayLength() == 2);

        var shownAt = watcher.Events("PresenceChanged").ToList().FindIndex(e => e.GetProperty("data").GetProperty("viewers").GetArrayLength() == 2);
        for (var waited = 0; watcher.Events("PresenceChanged").Skip(shownAt + 1).All(e => e.GetProperty("data").GetProperty("viewers").GetArrayLength() != 1); waited += 100)
        {
            Assert.True(waited < 15_000, "The crashed instance's viewer was still listed after 15 s (timeout 3 s).");
            await Task.Delay(100);
        }
        var viewers = watcher.Events("PresenceChanged").Last().GetProperty("data").GetProperty("viewers").EnumerateArray().ToList();
        Assert.Equal("trainee", Assert.Single(viewers).GetProperty("role").GetString());
    }

    [Fact]
    public async Task An_instance_started_later_shows_who_was_already_watching_on_the_others()
    {
        using var b = AppHost.With(new Dictionary<string, string?>(_settings) { ["Worker:Enabled"] = "true" }, _shared.Path);
        await Listening(b);
        var review = await ReviewOfAReadyLessonAsync(b, await b.TraineeAsync());
        await using var coordinatorOnB = await HubProbe.StartAsync(b, await b.CoordinatorAsync(), ("JoinReview", review.Id));
        await coordinatorOnB.WaitForAsync("PresenceChanged");

        // A scale-out adds instance A: it never heard B announce the coordinator.
        using var a = AppHost.With(_settings, _shared.Path);
        await Listening(a);
        await using var traineeOnA = await HubProbe.StartAsync(a, await a.TraineeAsync(), ("JoinReview", review.Id));

        var presence = await traineeOnA.WaitForAsync("PresenceChanged", p => p.GetProperty("viewers").GetArrayLength() == 2);
        Assert.Contains(presence.GetProperty("data").GetProperty("viewers").EnumerateArray(), v => v.GetProperty("role").GetString() == "coordinator");
    }

    [Fact]
    public async Task An_account_disabled_on_A_is_signed_out_at_once_of_its_open_page_on_B()
    {
        using var a = AppHost.With(new Dictionary<string, string?>(_settings) { ["Worker:Enabled"] = "true" }, _shared.Path);
        using var b = AppHost.With(_settings, _shared.Path);
        await Task.WhenAll(Listening(a), Listening(b));
        var review = await ReviewOfAReadyLessonAsync(a, await a.TraineeAsync());
        var email = await b.CreateUserAsync(LessonReview.Core.Accounts.Roles.Coordinator, "Leaving Coordinator");
        await using var onB = await HubProbe.StartAsync(b, await b.SignInAsync(email), ("JoinReview", review.Id));
        Assert.Single(onB.Events("joined"));

        await a.AccountsAsync(async accounts => await accounts.DisableAsync(await accounts.GetAsync(email)));

        // Accounts:SessionCheckSeconds is 60: this is B hearing A's notice, not B's own periodic check.
        await onB.WaitForAsync("SessionEnded", timeoutMs: 15_000);
    }

    [Fact]
    public async Task When_the_event_listener_loses_its_connection_open_review_pages_are_told_to_catch_up()
    {
        using var a = AppHost.With(new Dictionary<string, string?>(_settings) { ["Worker:Enabled"] = "true" }, _shared.Path);
        await Listening(a);
        var review = await ReviewOfAReadyLessonAsync(a, await a.TraineeAsync());
        await using var watching = await HubProbe.StartAsync(a, await a.TraineeAsync(), ("JoinReview", review.Id));

        // What an operator's failover or a network blip does to the LISTEN connection.
        await using (var db = new LessonReviewDb(DatabaseProviders.Options(DatabaseOptions.PostgreSql, _settings["ConnectionStrings:Database"]!)))
        {
            var killed = await db.Database.SqlQueryRaw<bool>(
                "SELECT pg_terminate_backend(pid) AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'").ToListAsync();
            Assert.NotEmpty(killed);
        }

        await watching.WaitForAsync("CatchUp", timeoutMs: 20_000);
    }

    [Fact]
    public async Task A_job_of_a_killed_worker_is_finished_by_another_after_its_lease()
    {
        using var web = AppHost.With(_settings, _shared.Path);
        var trainee = await web.TraineeAsync();
        var killed = WorkerProcess.Start(_settings);
        var lessonId = await Tus.UploadAsync(trainee, await TestClips.Mpeg4Async(seconds: 60), "Interrupted encode");

        await Tus.WaitUntilWellIntoProcessingAsync(trainee, lessonId);
        killed.Kill();
        using var second = WorkerProcess.Start(_settings);

        var done = await Tus.WaitUntilProcessedAsync(trainee, lessonId, 180);

        Assert.Equal("ready", done.Status);
        // The worker marks the job succeeded just after it saves the lesson ready: read the job once that write has landed.
        var job = await JobOfAsync(web, lessonId);
        for (var i = 0; i < 50 && job.State == JobState.Running; i++)
        {
            await Task.Delay(200);
            job = await JobOfAsync(web, lessonId);
        }
        Assert.Equal((JobState.Succeeded, 2), (job.State, job.Attempts));
    }

    private static async Task<ProcessingJob> JobOfAsync(AppHost web, Guid lessonId)
    {
        await using var scope = web.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LessonReviewDb>().ProcessingJobs.AsNoTracking().SingleAsync(j => j.LessonId == lessonId && j.Kind == JobKind.Playback);
    }

    /// <summary>A review (asking the seeded mentor) of a short lesson uploaded and processed through the given host.</summary>
    private static async Task<ReviewDto> ReviewOfAReadyLessonAsync(AppHost host, HttpClient trainee)
    {
        var lessonId = await Tus.UploadAsync(trainee, await TestClips.LandscapeH264Async(), "Presence");
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId)).Status);
        return (await (await host.OpenMentoredReviewAsync(trainee, lessonId)).Content.ReadFromJsonAsync<ReviewDto>())!;
    }

    private static Task Listening(AppHost host) => host.ListeningAsync();
}
