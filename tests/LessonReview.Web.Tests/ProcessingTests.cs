using System.Net;
using System.Net.Http.Json;
using LessonReview.Core.Data;
using LessonReview.Core.Lessons;
using LessonReview.Core.Processing;
using LessonReview.TestSupport;
using LessonReview.Web.Lessons;
using LessonReview.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LessonReview.Web.Tests;

/// <summary>Uploads become playable lessons through the in-process worker; bad files fail clearly.</summary>
public sealed class ProcessingTests(AppHost host) : IClassFixture<AppHost>
{
    [Fact]
    public async Task Uploaded_phone_video_becomes_a_seekable_lesson_with_poster_and_storyboard()
    {
        var client = await host.TraineeAsync();
        var id = await Tus.UploadAsync(client, await TestClips.PortraitHevcMovAsync(), "Portrait phone recording");

        var lesson = await Tus.WaitUntilProcessedAsync(client, id);

        Assert.Equal("ready", lesson.Status);
        Assert.True(lesson.Playable);
        Assert.Equal((360, 640), (lesson.Width, lesson.Height));
        Assert.InRange(lesson.DurationSeconds!.Value, 3.5, 4.5);
        // HLS: index.m3u8 → main.m3u8 (finished) → fMP4 init and segments, served with Range.
        Assert.EndsWith("/index.m3u8", lesson.VideoUrl);
        var master = await client.GetAsync(lesson.VideoUrl);
        Assert.Equal("application/vnd.apple.mpegurl", master.Content.Headers.ContentType?.MediaType);
        Assert.True(master.Headers.CacheControl?.NoCache, "a playlist that may still grow is never cached");
        var renditions = await Hls.RenditionsAsync(client, lesson);
        Assert.Equal(["main.m3u8"], renditions); // a 360p picture gets no lower rung
        var (playlist, files) = await Hls.PlaylistAsync(client, id, renditions[0]);
        Assert.Contains("#EXT-X-ENDLIST", playlist);
        Assert.EndsWith("main-init.mp4", files[0]);
        var range = new HttpRequestMessage(HttpMethod.Get, files[1]);
        range.Headers.Range = new(100, 199);
        var partial = await client.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/lessons/{id}/media/secret.m3u8")).StatusCode);
        Assert.Equal("image/jpeg", (await client.GetAsync(lesson.PosterUrl)).Content.Headers.ContentType?.MediaType);
        var vtt = await client.GetStringAsync(lesson.StoryboardUrl);
        var sheet = vtt.Split('\n').First(l => l.Contains("#xywh")).Split('#')[0];
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/lessons/{id}/media/{sheet}")).StatusCode);
    }

    public static TheoryData<string> BadFiles => new() { "text", "image", "truncated" };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Unusable_file_ends_failed_with_a_reason_and_the_app_keeps_working(string kind)
    {
        var client = await host.TraineeAsync();
        var path = kind switch
        {
            "text" => await TestClips.TextFileAsync(),
            "image" => await TestClips.PngImageAsync(),
            _ => await TestClips.TruncatedMp4Async(),
        };

        var lesson = await Tus.WaitUntilProcessedAsync(client, await Tus.UploadAsync(client, path));

        Assert.Equal("failed", lesson.Status);
        Assert.Contains("upload", lesson.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Null(lesson.VideoUrl);
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "media", MediaKeys.Original(lesson.Id))), "the original is kept");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Failing_job_is_retried_a_bounded_number_of_times_then_failed()
    {
        var client = await host.TraineeAsync();
        var id = await Tus.UploadAsync(client, await TestClips.LandscapeH264Async());
        await Tus.WaitUntilProcessedAsync(client, id);
        // The original vanishes (a disk fault): every attempt fails the same way.
        File.Delete(Path.Combine(host.DataDirectory, "media", MediaKeys.Original(id)));
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(id);

        var lesson = await Tus.WaitForAsync(client, id, l => l.Status == "failed", timeoutSeconds: 60);

        Assert.Contains("3 times", lesson.Error);
        // Stored as a template with its value: a Japanese reader gets the sentence in Japanese, the number in place.
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja-JP");
        var inJapanese = (await client.GetFromJsonAsync<LessonDto>($"/api/lessons/{id}"))!;
        Assert.StartsWith("処理が 3 回失敗しました。", inJapanese.Error);
        await using var check = host.Services.CreateAsyncScope();
        var job = await check.ServiceProvider.GetRequiredService<LessonReviewDb>().ProcessingJobs
            .Where(j => j.LessonId == id).OrderByDescending(j => j.CreatedAt).FirstAsync();
        Assert.Equal((JobState.Failed, 3), (job.State, job.Attempts));
    }

    [Fact]
    public async Task Job_left_running_by_a_crashed_worker_is_picked_up_again()
    {
        var client = await host.TraineeAsync();
        var id = await Tus.UploadAsync(client, await TestClips.NoAudioAviAsync());
        await Tus.WaitUntilProcessedAsync(client, id);
        // As a crash leaves it: the lesson half-processed, its job running under a dead worker's expired lease.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LessonReviewDb>();
            await db.Lessons.Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LessonStatus.Processing).SetProperty(l => l.Progress, 0.4));
            db.ProcessingJobs.Add(new ProcessingJob
            {
                LessonId = id, State = JobState.Running, Attempts = 1,
                LeaseOwner = "crashed-host/1/dead", LeaseExpiresAt = DateTime.UtcNow.AddSeconds(-1),
            });
            await db.SaveChangesAsync();
        }

        var lesson = await Tus.WaitForAsync(client, id, l => l.Status == "ready", timeoutSeconds: 60);

        Assert.Equal(1.0, lesson.Progress);
    }
}
