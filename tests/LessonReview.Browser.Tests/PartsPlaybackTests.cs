using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LessonReview.Browser.Tests;

/// <summary>
/// A lesson encoded in parts (8 s parts here) plays in Chromium through the moments where parts meet,
/// without stalling, and seeks into any part.
/// </summary>
public sealed class PartsPlaybackTests(BrowserFixture browser, PartsPlaybackTests.InPartsAppHost app)
    : IClassFixture<BrowserFixture>, IClassFixture<PartsPlaybackTests.InPartsAppHost>
{
    public sealed class InPartsAppHost() : AppHost(new() { ["Media:ChunkSeconds"] = "8" });

    [Fact]
    public async Task A_lesson_in_parts_plays_on_where_parts_meet_and_seeks_into_any_part()
    {
        var trainee = await app.TraineeAsync();
        var lessonId = await Tus.UploadAsync(trainee, await TestClips.Mpeg4Async(seconds: 30), "A lesson in parts");
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId, 180)).Status);
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/lessons/{lessonId}");

        await BrowserFixture.PlayAsync(page);
        Assert.InRange(await BrowserFixture.SeekAsync(page, 7), 6.5, 7.5);
        // Playing on across 8 s and 16 s, where the first part meets the second and the second the third.
        await page.WaitForFunctionAsync("() => document.querySelector('#video').currentTime > 9", null, new() { Timeout = 20_000 });
        // What the player holds runs on through 8 s in one piece: no gap, no overlap that splits it.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => { const b = document.querySelector('#video').buffered; for (let i = 0; i < b.length; i++) if (b.start(i) <= 7.5 && b.end(i) >= 9) return true; return false; }"),
            "the buffer should run from before to after the moment the parts meet");
        Assert.InRange(await BrowserFixture.SeekAsync(page, 15.5), 15, 16);
        await page.WaitForFunctionAsync("() => document.querySelector('#video').currentTime > 17", null, new() { Timeout = 20_000 });
        Assert.InRange(await BrowserFixture.SeekAsync(page, 27), 26.5, 27.5); // into the last part

        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelector('#video').error?.code ?? 0"));
        Assert.InRange(await page.EvaluateAsync<double>("() => document.querySelector('#video').duration"), 29.5, 30.5);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("A lesson in parts");
    }
}
