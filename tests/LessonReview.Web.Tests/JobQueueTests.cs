using System.Collections.Concurrent;
using LessonReview.Core.Accounts;
using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Processing;
using LessonReview.Media.Playback;
using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;

namespace LessonReview.Web.Tests;

/// <summary>Job claims across workers, on the provider this run uses (SQLite, then PostgreSQL with SKIP LOCKED).</summary>
public sealed class JobQueueTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Workers_racing_for_jobs_never_take_the_same_one()
    {
        var jobs = await SeedJobsAsync(30);
        var claims = new ConcurrentBag<(Guid Job, string Owner)>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            await using var db = new LessonReviewDb(TestDatabase.Options(_folder.Path));
            var queue = new JobQueue(db, TimeProvider.System);
            while (await queue.TryClaimAsync($"worker-{worker}", TimeSpan.FromMinutes(5)) is { } job)
                claims.Add((job.Id, $"worker-{worker}"));
        })));

        Assert.Equal(jobs.Order(), claims.Select(c => c.Job).Order());
        Assert.Equal(claims.Count, claims.Select(c => c.Job).Distinct().Count());
    }

    [Fact]
    public async Task A_lesson_waiting_to_become_playable_goes_before_an_older_talk_analysis()
    {
        var analysis = (await SeedJobsAsync(1, JobKind.Talk)).Single();
        await Task.Delay(10);
        var waiting = (await SeedJobsAsync(1)).Single();
        await using var db = new LessonReviewDb(TestDatabase.Options(_folder.Path));
        var queue = new JobQueue(db, TimeProvider.System);

        var first = await queue.TryClaimAsync("worker", TimeSpan.FromMinutes(1));
        var second = await queue.TryClaimAsync("worker", TimeSpan.FromMinutes(1));

        Assert.Equal((waiting, analysis), (first!.Id, second!.Id));
    }

    [Fact]
    public async Task Each_lane_of_a_worker_claims_only_its_kind_so_an_analysis_never_holds_up_playback()
    {
        var analysis = (await SeedJobsAsync(1, JobKind.Talk)).Single();
        await using var db = new LessonReviewDb(TestDatabase.Options(_folder.Path));
        var queue = new JobQueue(db, TimeProvider.System);

        Assert.Null(await queue.TryClaimAsync("worker", TimeSpan.FromMinutes(1), kinds: JobKind.PlaybackLane)); // the playback lane leaves it
        Assert.Equal(analysis, (await queue.TryClaimAsync("worker", TimeSpan.FromMinutes(1), kinds: JobKind.AnalysisLane))!.Id);
        // While that analysis runs, a lesson uploaded now is taken by the playback lane at once.
        var waiting = (await SeedJobsAsync(1)).Single();
        Assert.Null(await queue.TryClaimAsync("worker", TimeSpan.FromMinutes(1), kinds: JobKind.AnalysisLane));
        Assert.Equal(waiting, (await queue.TryClaimAsync("worker", TimeSpan.FromMinutes(1), kinds: JobKind.PlaybackLane))!.Id);
    }

    [Fact]
    public async Task A_long_lessons_parts_go_after_new_lessons_in_order_and_its_own_job_takes_back_only_its_own()
    {
        var (lesson, other) = ((await SeedJobsAsync(1)).Single(), (await SeedJobsAsync(1)).Single());
        await using var db = new LessonReviewDb(TestDatabase.Options(_folder.Path));
        var queue = new JobQueue(db, TimeProvider.System);
        var lessonId = (await queue.TryClaimAsync("worker", TimeSpan.FromMinutes(1), kinds: [JobKind.Playback]))!.LessonId;
        var parts = LessonChunk.For(TimeSpan.FromMinutes(20), new PlaybackSettings()).Skip(1).ToList();
        queue.AddParts(lessonId, parts.AsEnumerable().Reverse().Select(p => (p.Index, ChunkJob.WritePart(p))));
        await db.SaveChangesAsync();

        // Another worker's playback lane: the other lesson (waiting to become playable at all) first, then the parts from the start.
        Assert.Equal(other, (await queue.TryClaimAsync("worker-2", TimeSpan.FromMinutes(1), kinds: JobKind.PlaybackLane))!.Id);
        Assert.Equal(1, ChunkJob.ReadPart((await queue.TryClaimAsync("worker-2", TimeSpan.FromMinutes(1), kinds: JobKind.PlaybackLane))!).Index);
        // The lesson's own job takes back the next part nobody started, and nothing of another lesson.
        Assert.Equal(2, ChunkJob.ReadPart((await queue.TryClaimAsync("lesson", TimeSpan.FromMinutes(1), kinds: [JobKind.Chunk], lessonId: lessonId))!).Index);
        Assert.Null(await queue.TryClaimAsync("lesson", TimeSpan.FromMinutes(1), kinds: [JobKind.Chunk], lessonId: Guid.NewGuid()));
        Assert.NotEqual(lesson, other);
    }

    [Fact]
    public async Task A_job_whose_worker_stopped_renewing_goes_to_another_worker_after_its_lease()
    {
        var job = (await SeedJobsAsync(1)).Single();
        await using var db = new LessonReviewDb(TestDatabase.Options(_folder.Path));
        var queue = new JobQueue(db, TimeProvider.System);

        var first = await queue.TryClaimAsync("killed-worker", TimeSpan.FromSeconds(1));
        var whileLeased = await queue.TryClaimAsync("other-worker", TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var afterExpiry = await queue.TryClaimAsync("other-worker", TimeSpan.FromMinutes(1));

        Assert.Equal((job, 1), (first!.Id, first.Attempts));
        Assert.Null(whileLeased);
        Assert.Equal((job, 2, "other-worker"), (afterExpiry!.Id, afterExpiry.Attempts, afterExpiry.LeaseOwner));
        Assert.False(await queue.RenewAsync(job, "killed-worker", TimeSpan.FromMinutes(1)), "the old owner lost its lease");
    }

    private async Task<List<Guid>> SeedJobsAsync(int count, string kind = JobKind.Playback)
    {
        await using var db = new LessonReviewDb(TestDatabase.Options(_folder.Path));
        await db.MigrateAsync();
        var owner = new User { Email = $"{Guid.NewGuid():N}@example.org", Name = "T" };
        db.Users.Add(owner);
        var jobs = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var lesson = new Lesson { OwnerId = owner.Id, Title = $"L{i}", Filename = "f.mp4", Status = LessonStatus.Processing };
            db.Lessons.Add(lesson);
            var job = new ProcessingJob { LessonId = lesson.Id, Kind = kind, AvailableAt = DateTime.UtcNow.AddSeconds(-1) };
            db.ProcessingJobs.Add(job);
            jobs.Add(job.Id);
        }
        await db.SaveChangesAsync();
        return jobs;
    }
}
