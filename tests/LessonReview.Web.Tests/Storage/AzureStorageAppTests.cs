using System.Net;
using System.Net.Http.Headers;
using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;

namespace LessonReview.Web.Tests.Storage;

/// <summary>The whole upload → process → play path with Storage:Provider=Azure on real Azurite.</summary>
public sealed class AzureStorageAppTests(AzureAppHost host) : IClassFixture<AzureAppHost>
{
    [Fact]
    public async Task Interrupted_upload_into_blob_storage_resumes_processes_and_plays_from_a_sas_url()
    {
        var client = await host.TraineeAsync();
        var original = await File.ReadAllBytesAsync(await TestClips.PortraitHevcMovAsync());
        var location = (await Tus.CreateAsync(client, original.Length, Tus.Metadata(("filename", "phone.mov"), ("title", "Azure lesson")))).Headers.Location!.ToString();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            Tus.PatchAsync(client, location, 0, new StreamContent(new FailingStream(original, original.Length / 2))));
        var offset = await Tus.OffsetAfterDropAsync(client, location, original.Length / 2);
        Assert.Equal(HttpStatusCode.NoContent, (await Tus.PatchAsync(client, location, offset, new ByteArrayContent(original[(int)offset..]))).StatusCode);

        var lesson = await Tus.WaitUntilProcessedAsync(client, Guid.Parse(location.Split('/').Last()));

        Assert.Equal("ready", lesson.Status);
        Assert.False(Directory.Exists(Path.Combine(host.DataDirectory, "media")), "media never touches the web server's disk");
        var noRedirects = host.AnonymousClient();
        // Playlists come from the app (relative links resolve to its URLs; a growing one is never cached)…
        var master = await client.GetAsync(lesson.VideoUrl);
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        var (_, files) = await Hls.PlaylistAsync(client, lesson.Id, (await Hls.RenditionsAsync(client, lesson))[0]);
        // …each segment is a redirect to its own read-only SAS URL on blob storage.
        var video = await client.GetAsync(files[1]);
        Assert.Equal(HttpStatusCode.Redirect, video.StatusCode);
        var sas = video.Headers.Location!;
        Assert.Equal(host.Azurite.Port, sas.Port);
        using var plain = new HttpClient();
        var range = new HttpRequestMessage(HttpMethod.Get, sas);
        range.Headers.Range = new RangeHeaderValue(100, 199);
        var partial = await plain.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("video/iso.segment", partial.Content.Headers.ContentType?.MediaType);

        // The storyboard track comes from the app; its sprites resolve to app URLs that redirect to blobs.
        var vtt = await client.GetStringAsync(lesson.StoryboardUrl);
        var sprite = vtt.Split('\n').First(l => l.Contains("#xywh")).Split('#')[0];
        var spriteResponse = await client.GetAsync($"/api/lessons/{lesson.Id}/media/{sprite}");
        Assert.Equal(HttpStatusCode.Redirect, spriteResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync(spriteResponse.Headers.Location)).StatusCode);
        // Signed-out callers get no SAS URL.
        Assert.Equal(HttpStatusCode.Unauthorized, (await noRedirects.GetAsync(lesson.VideoUrl)).StatusCode);
    }

    [Fact]
    public async Task With_media_served_through_the_app_segments_come_from_it_with_range_requests()
    {
        var settings = AzureAppHost.Settings(host.Azurite);
        settings["Storage:Azure:ServeMediaThroughApp"] = "true";
        using var data = new TempFolder();
        using var app = AppHost.With(settings, data.Path);
        var client = await app.TraineeAsync();
        var lesson = await Tus.WaitUntilProcessedAsync(client, await Tus.UploadAsync(client, await TestClips.LandscapeH264Async(), "Proxied lesson"));

        var (_, files) = await Hls.PlaylistAsync(client, lesson.Id, (await Hls.RenditionsAsync(client, lesson))[0]);
        var request = new HttpRequestMessage(HttpMethod.Get, files[1]);
        request.Headers.Range = new RangeHeaderValue(100, 199);
        var partial = await app.AnonymousClient().SendAsync(request); // no redirect to follow, and none given to a stranger…
        Assert.Equal(HttpStatusCode.Unauthorized, partial.StatusCode);
        request = new HttpRequestMessage(HttpMethod.Get, files[1]);
        request.Headers.Range = new RangeHeaderValue(100, 199);
        partial = await client.SendAsync(request); // …and the signed-in trainee gets the bytes from the app itself

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("video/iso.segment", partial.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/lessons/{lesson.Id}/media/poster.jpg")).StatusCode);
    }

    [Fact]
    public async Task Upload_resumes_after_the_web_server_restarts_from_blocks_staged_in_azure()
    {
        var original = await File.ReadAllBytesAsync(await TestClips.LandscapeH264Async());
        using var data = new TempFolder();
        string location;
        using (var first = AppHost.With(AzureAppHost.Settings(host.Azurite), data.Path))
        {
            var client = await first.TraineeAsync();
            location = (await Tus.CreateAsync(client, original.Length, Tus.Metadata(("filename", "a.mp4")))).Headers.Location!.ToString();
            await Tus.PatchAsync(client, location, 0, new ByteArrayContent(original[..7000]));
        }

        using var second = AppHost.With(AzureAppHost.Settings(host.Azurite), data.Path);
        var again = await second.TraineeAsync();
        Assert.Equal(7000, await Tus.OffsetAsync(again, location));
        await Tus.PatchAsync(again, location, 7000, new ByteArrayContent(original[7000..]));

        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(again, Guid.Parse(location.Split('/').Last()))).Status);
    }

    [Fact]
    public void A_wrong_storage_key_stops_the_app_at_start_up_with_the_reason()
    {
        var settings = AzureAppHost.Settings(host.Azurite);
        settings["Storage:Azure:ConnectionString"] = host.Azurite.ConnectionString.Replace("Eby8", "AAAA");
        using var data = new TempFolder();

        var error = Assert.ThrowsAny<Exception>(() => AppHost.With(settings, data.Path));

        var message = error.ToString();
        Assert.Contains("Media storage is not usable", message);
        Assert.Contains("AccountKey", message);
    }
}
