using System.Net;
using System.Net.Http.Json;
using LessonReview.Web.Lessons;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests;

/// <summary>Uploads are refused before any byte arrives when there is no room: the server's volume, the trainee's quota, the creation rate.</summary>
public sealed class StorageLimitTests
{
    [Fact]
    public async Task An_upload_the_volume_cannot_hold_with_its_reserve_is_507_up_front_and_creates_nothing()
    {
        // A reserve larger than any disk here: the real free space is never enough.
        using var host = AppHost.With(new() { ["Upload:FreeSpaceReserveBytes"] = (1L << 60).ToString() });
        var trainee = await host.NewUserAsync("trainee");

        var response = await Tus.CreateAsync(trainee, 1024, Tus.Metadata(("filename", "class.mp4")));

        Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
        Assert.Contains("no room for this recording", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Empty((await trainee.GetFromJsonAsync<List<LessonDto>>("/api/lessons"))!);
    }

    [Fact]
    public async Task A_trainee_over_their_quota_is_told_how_much_they_use_and_deleting_makes_room()
    {
        using var host = AppHost.With(new() { ["Upload:QuotaBytesPerUser"] = "1000" });
        var trainee = await host.NewUserAsync("trainee");

        var first = await Tus.CreateAsync(trainee, 600, Tus.Metadata(("filename", "a.mp4")));
        var second = await Tus.CreateAsync(trainee, 600, Tus.Metadata(("filename", "b.mp4")));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.InsufficientStorage, second.StatusCode);
        Assert.Contains("Your lessons already take 600 bytes", (await second.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        await trainee.SendAsync(Tus.Request(HttpMethod.Delete, first.Headers.Location!.ToString()));
        Assert.Equal(HttpStatusCode.Created, (await Tus.CreateAsync(trainee, 600, Tus.Metadata(("filename", "b.mp4")))).StatusCode);
    }

    [Fact]
    public async Task Starting_too_many_uploads_in_an_hour_is_429_with_what_to_do()
    {
        using var host = AppHost.With(new() { ["RateLimits:UploadsPerHour"] = "2" });
        var trainee = await host.NewUserAsync("trainee");

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Created, (await Tus.CreateAsync(trainee, 10, Tus.Metadata(("filename", "a.mp4")))).StatusCode);
        var third = await Tus.CreateAsync(trainee, 10, Tus.Metadata(("filename", "a.mp4")));
        var anotherTrainee = await Tus.CreateAsync(await host.NewUserAsync("trainee"), 10, Tus.Metadata(("filename", "a.mp4")));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("Too many uploads started", (await third.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Created, anotherTrainee.StatusCode); // per trainee, not for everyone
    }
}

/// <summary>Stalled upload streams cannot pile up: each holds a buffer on the server.</summary>
public sealed class UploadStreamLimitTests
{
    /// <summary>A body that sends one block, then waits (a phone on a dying connection).</summary>
    private sealed class StalledContent(TaskCompletionSource release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(new byte[64 * 1024]);
            await stream.FlushAsync();
            await release.Task;
            await stream.WriteAsync(new byte[(1 << 20) - 64 * 1024]); // then the rest, as Content-Length promised
        }

        protected override bool TryComputeLength(out long length) { length = 1 << 20; return true; }
    }

    [Fact]
    public async Task A_trainee_has_at_most_the_configured_uploads_streaming_at_once()
    {
        using var host = AppHost.With(new() { ["RateLimits:ConcurrentUploadsPerUser"] = "2" });
        var trainee = await host.NewUserAsync("trainee");
        var locations = new List<string>();
        for (var i = 0; i < 3; i++)
            locations.Add((await Tus.CreateAsync(trainee, 1 << 20, Tus.Metadata(("filename", $"{i}.mp4")))).Headers.Location!.ToString());
        var release = new TaskCompletionSource();

        var stalled = locations.Take(2).Select(l => Tus.PatchAsync(trainee, l, 0, new StalledContent(release))).ToList();
        await Task.Delay(1000); // both are streaming now
        var third = await Tus.PatchAsync(trainee, locations[2], 0, new ByteArrayContent(new byte[1 << 20]));
        var otherTrainee = await host.NewUserAsync("trainee");
        var theirs = (await Tus.CreateAsync(otherTrainee, 10, Tus.Metadata(("filename", "x.mp4")))).Headers.Location!.ToString();
        var unaffected = await Tus.PatchAsync(otherTrainee, theirs, 0, new ByteArrayContent(new byte[10]));
        release.SetResult();
        await Task.WhenAll(stalled);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("several uploads at once", (await third.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.NoContent, unaffected.StatusCode);
    }
}
