using LessonReview.Core.Lessons;
using LessonReview.Core.Processing;
using LessonReview.Media.Playback;
using LessonReview.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LessonReview.Web.Tests;

/// <summary>
/// A long lesson's parts in the job queue, as its own job sees them (on this run's database): a part
/// that failed is offered again alone; one that keeps failing, or that the file makes impossible,
/// ends the lesson in words a trainee can act on.
/// </summary>
public sealed class PartQueueTests(AppHost host) : IClassFixture<AppHost>
{
    private static readonly PlaybackSettings Settings = new();

    [Fact]
    public async Task A_failed_part_is_offered_again_alone_and_after_its_last_try_the_lesson_is_told_which_minutes()
    {
        var lessonId = await LessonAsync();
        var queue = Queue(lessonId, maxAttempts: 2);
        await queue.QueueAsync(LessonChunk.For(TimeSpan.FromMinutes(20), Settings).Skip(1).ToList(), CancellationToken.None);

        var part = (await queue.TakeAsync(CancellationToken.None))!;
        await queue.GiveBackAsync(part, new IOException("storage did not answer"), CancellationToken.None);

        // The other parts are untouched; this one waits a moment, then is the next one taken again.
        var jobs = await PartJobsAsync(lessonId);
        Assert.Equal(JobState.Queued, jobs.Single(j => ChunkJob.ReadPart(j).Index == part.Index).State);
        Assert.All(jobs.Where(j => ChunkJob.ReadPart(j).Index != part.Index), j => Assert.Equal((JobState.Queued, 0), (j.State, j.Attempts)));
        Assert.Empty(await queue.FinishedAsync(CancellationToken.None));
        var others = new List<int>();
        LessonChunk? again = null;
        for (var waited = 0; again is null && waited < 100; waited++)
        {
            var next = await queue.TakeAsync(CancellationToken.None);
            if (next?.Index == part.Index) again = next;
            else if (next is not null) others.Add(next.Index);
            else await Task.Delay(100);
        }
        Assert.Equal(part, again);
        Assert.Equal([2, 3], others); // the rest went on meanwhile

        await queue.GiveBackAsync(again!, new IOException("storage did not answer"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<UnplayableMediaException>(() => queue.FinishedAsync(CancellationToken.None));
        Assert.Equal(ChunkJob.PartFailed, error.Template);
        Assert.Equal(["5", "10"], error.Values); // the second part: minutes 5 to 10
    }

    [Fact]
    public async Task A_part_the_file_makes_impossible_ends_the_lesson_with_the_files_own_reason()
    {
        var lessonId = await LessonAsync();
        var queue = Queue(lessonId, maxAttempts: 3);
        await queue.QueueAsync(LessonChunk.For(TimeSpan.FromMinutes(10), Settings).Skip(1).ToList(), CancellationToken.None);
        const string reason = "The video could not be read to the end: the file seems damaged or was cut short. Please upload the original recording again.";
        await host.DbAsync(db => db.ProcessingJobs.Where(j => j.LessonId == lessonId && j.Kind == JobKind.Chunk).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.State, JobState.Failed).SetProperty(j => j.LastError, JobChunkQueue.UnplayableMark + FailureReason.Encode(reason, []))));

        var error = await Assert.ThrowsAsync<UnplayableMediaException>(() => queue.FinishedAsync(CancellationToken.None));

        Assert.Equal(reason, error.Template);
    }

    private JobChunkQueue Queue(Guid lessonId, int maxAttempts) =>
        new(host.Services.GetRequiredService<IServiceScopeFactory>(), lessonId, new WorkSignal(), Settings, maxAttempts);

    private Task<List<ProcessingJob>> PartJobsAsync(Guid lessonId) =>
        host.DbAsync(db => db.ProcessingJobs.AsNoTracking().Where(j => j.LessonId == lessonId && j.Kind == JobKind.Chunk).ToListAsync());

    private async Task<Guid> LessonAsync()
    {
        var owner = await AppHost.IdOfAsync(await host.TraineeAsync());
        var lesson = new Lesson { OwnerId = owner, Title = "Long lesson", Filename = "long.mov", Status = LessonStatus.Processing };
        await host.DbAsync(async db => { db.Lessons.Add(lesson); return await db.SaveChangesAsync(); });
        return lesson.Id;
    }
}
