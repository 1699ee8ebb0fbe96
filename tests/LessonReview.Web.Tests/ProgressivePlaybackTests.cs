using System.Net;
using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Web.Lessons;
using LessonReview.Web.Tests.Support;

namespace LessonReview.Web.Tests;

/// <summary>A lesson that must be encoded can be watched, and reviewed, from its first segments while the rest encodes.</summary>
public sealed class ProgressivePlaybackTests(AppHost host) : IClassFixture<AppHost>
{
    [Fact]
    public async Task An_encoded_lesson_plays_from_its_first_segments_and_its_playlists_grow_until_they_end()
    {
        var client = await host.TraineeAsync();
        var id = await Tus.UploadAsync(client, await TestClips.Hd1080Async(40, h264: false), "A lesson still encoding");

        var early = await Tus.WaitForAsync(client, id, l => l.Playable);

        Assert.Equal("processing", early.Status);
        Assert.True(early.Progress < 1);
        Assert.InRange(early.DurationSeconds!.Value, 39.5, 40.5); // the whole length, before the encode has reached it
        Assert.Equal((1280, 720), (early.Width, early.Height));
        Assert.Null(early.PosterUrl); // poster and storyboard come with "ready"
        Assert.Equal(["main.m3u8", "low.m3u8"], await Hls.RenditionsAsync(client, early));
        var (growing, earlyFiles) = await Hls.PlaylistAsync(client, id, "main.m3u8");
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:EVENT", growing);
        Assert.DoesNotContain("#EXT-X-ENDLIST", growing);
        foreach (var file in earlyFiles) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(file)).StatusCode); // nothing named is missing
        // Scrubbing previews follow the encode: a storyboard covering what is encoded so far.
        var previews = await Tus.WaitForAsync(client, id, l => l.StoryboardUrl is not null);
        Assert.Equal("processing", previews.Status);
        var growingTrack = await client.GetStringAsync(previews.StoryboardUrl);
        Assert.InRange(growingTrack.Split("-->").Length - 1, 1, 19); // of the 20 thumbnails (one every 2 s) the lesson will have
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(LessonDto.MediaUrl(id, "storyboard-1.jpg"))).StatusCode);
        // The coaching cycle need not wait for the encode: a review opens now.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/lessons/{id}/reviews", new { kind = "self" })).StatusCode);

        var ready = await Tus.WaitUntilProcessedAsync(client, id, 300);

        Assert.Equal("ready", ready.Status);
        Assert.NotNull(ready.PosterUrl);
        Assert.Equal(20, (await client.GetStringAsync(ready.StoryboardUrl)).Split("-->").Length - 1);
        var (finished, files) = await Hls.PlaylistAsync(client, id, "main.m3u8");
        Assert.Contains("#EXT-X-ENDLIST", finished);
        Assert.Equal(earlyFiles, files.Take(earlyFiles.Count)); // segments already watched never change
        Assert.True(files.Count > earlyFiles.Count);
        var (_, low) = await Hls.PlaylistAsync(client, id, "low.m3u8");
        Assert.Equal(files.Count, low.Count); // the 360p rung is cut at the same moments, so hls.js can switch anywhere
    }
}
