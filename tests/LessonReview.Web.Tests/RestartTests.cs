using System.Net;
using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;

namespace LessonReview.Web.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task Upload_resumes_after_the_web_server_restarts()
    {
        using var data = new TempFolder();
        var original = await File.ReadAllBytesAsync(await TestClips.LandscapeH264Async());
        string location;
        using (var first = AppHost.On(data.Path))
        {
            var client = await first.TraineeAsync();
            location = (await Tus.CreateAsync(client, original.Length, Tus.Metadata(("filename", "a.mp4")))).Headers.Location!.ToString();
            await Tus.PatchAsync(client, location, 0, new ByteArrayContent(original[..1000]));
        }

        using var second = AppHost.On(data.Path);
        var again = await second.TraineeAsync();
        Assert.Equal(1000, await Tus.OffsetAsync(again, location));
        var done = await Tus.PatchAsync(again, location, 1000, new ByteArrayContent(original[1000..]));

        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(again, Guid.Parse(location.Split('/').Last()))).Status);
    }
}
