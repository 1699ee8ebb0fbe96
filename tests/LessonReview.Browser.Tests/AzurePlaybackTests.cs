using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;
using Microsoft.Playwright;

namespace LessonReview.Browser.Tests;

/// <summary>With Storage:Provider=Azure, hls.js plays and seeks a lesson whose segments come straight from (real) Azurite.</summary>
public sealed class AzurePlaybackTests(BrowserFixture browser, AzureAppHost app) : IClassFixture<BrowserFixture>, IClassFixture<AzureAppHost>
{
    [Fact]
    public async Task Lesson_stored_in_blob_storage_plays_and_seeks_in_chromium()
    {
        var trainee = await app.TraineeAsync();
        var lessonId = await Tus.UploadAsync(trainee, await TestClips.Mpeg4Async(seconds: 30), "Blob lesson");
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId, 120)).Status);
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org");
        var page = await context.NewPageAsync();
        var fromBlobStorage = 0;
        page.Response += (_, r) => { if (r.Ok && r.Url.Contains(".m4s") && new Uri(r.Url).Port == app.Azurite.Port) fromBlobStorage++; };

        await page.GotoAsync($"/lessons/{lessonId}");
        var video = page.Locator("video#video");
        await BrowserFixture.PlayAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelector('#video').currentTime > 0.5", null, new() { Timeout = 30_000 });
        var position = await BrowserFixture.SeekAsync(page, 25);

        Assert.InRange(position, 24.5, 25.5);
        Assert.Equal("hls.js", await video.GetAttributeAsync("data-player"));
        Assert.True(fromBlobStorage > 0, "the segments must come from blob storage (each through its SAS redirect)");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelector('#video').error?.code ?? 0"));
        var poster = await page.EvaluateAsync<bool>("() => new Promise(r => { const i = new Image(); i.onload = () => r(i.naturalWidth > 0); i.onerror = () => r(false); i.src = document.querySelector('#video').poster; })");
        Assert.True(poster, "the poster loads through its SAS redirect");
    }
}
