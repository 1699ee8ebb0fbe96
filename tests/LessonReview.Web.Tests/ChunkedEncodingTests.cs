using System.Net;
using LessonReview.Core.Processing;
using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Tests;

/// <summary>
/// A long lesson is encoded in parts that any worker takes (here 8 s parts, the web app's own worker
/// and a separate worker process on one PostgreSQL), and plays as one lesson: every frame once.
/// </summary>
public sealed class ChunkedEncodingTests : IDisposable
{
    private readonly TempFolder _shared = new();

    public void Dispose() => _shared.Dispose();

    [Fact]
    public async Task Two_workers_share_a_long_lessons_parts_and_it_plays_as_one_with_every_frame_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Database"] = Postgres.NewDatabase(),
            ["Media:ChunkSeconds"] = "8",
            ["Worker:PollSeconds"] = "1",
            ["DataDirectory"] = _shared.Path,
        };
        using var app = AppHost.With(settings, _shared.Path);
        using var otherWorker = WorkerProcess.Start(settings);
        var client = await app.TraineeAsync();

        var id = await Tus.UploadAsync(client, await TestClips.Hd1080Async(40, h264: false), "A long lesson");
        var playable = await Tus.WaitForAsync(client, id, l => l.Playable, 120);
        var ready = await Tus.WaitUntilProcessedAsync(client, id, 300);

        Assert.Equal("processing", playable.Status); // watchable from the first part on, as without parts
        Assert.Equal("ready", ready.Status);
        Assert.NotNull(ready.PosterUrl);
        Assert.NotNull(ready.StoryboardUrl);
        var parts = await app.DbAsync(db => db.ProcessingJobs.Where(j => j.LessonId == id && j.Kind == JobKind.Chunk).ToListAsync());
        Assert.Equal(4, parts.Count); // 40 s in 8 s parts: the first is the lesson's own job's
        Assert.All(parts, p => Assert.Equal(JobState.Succeeded, p.State));
        Assert.Contains(parts, p => !p.LeaseOwner!.StartsWith("lesson ", StringComparison.Ordinal)); // the other worker took some

        // Every named file is served; put together as a player would, the lesson has all 1,200 frames in order.
        var local = Path.Combine(_shared.Path, "fetched");
        Directory.CreateDirectory(local);
        foreach (var playlist in new[] { "main.m3u8", "low.m3u8" })
        {
            var (text, files) = await Hls.PlaylistAsync(client, id, playlist);
            Assert.Contains("#EXT-X-ENDLIST", text);
            await File.WriteAllTextAsync(Path.Combine(local, playlist), text);
            foreach (var file in files)
            {
                var response = await client.GetAsync(file);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await File.WriteAllBytesAsync(Path.Combine(local, file.Split('/').Last()), await response.Content.ReadAsByteArrayAsync());
            }
            var frames = await TestClips.PacketTimesAsync(Path.Combine(local, playlist), "v:0");
            Assert.Equal(1200, frames.Count);
            Assert.Equal(frames.Count, frames.Distinct().Count());
            Assert.InRange(frames.Max() - frames.Min(), 39.9, 40.1);
        }
    }
}
