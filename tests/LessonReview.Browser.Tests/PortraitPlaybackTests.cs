using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LessonReview.Browser.Tests;

/// <summary>
/// A trainee's portrait phone recording plays upright in Chromium, on a phone and on a laptop:
/// the player's picture is 360 wide and 640 tall and its top-left corner shows the clip's red marker.
/// H.264 takes the fast path (the rotation carried to the player), HEVC the encode (the pixels turned).
/// </summary>
public sealed class PortraitPlaybackTests(BrowserFixture browser, AppHost app) : IClassFixture<BrowserFixture>, IClassFixture<AppHost>
{
    [Theory]
    [InlineData("h264", 90, "phone")]
    [InlineData("h264", 270, "laptop")]
    [InlineData("hevc", 180, "phone")]
    public async Task A_portrait_phone_recording_plays_upright(string codec, int rotation, string size)
    {
        var trainee = await app.TraineeAsync();
        var title = $"縦向き {codec} {rotation}";
        var lessonId = await Tus.UploadAsync(trainee, await TestClips.PortraitPhoneAsync(codec, rotation), title);
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId, 120)).Status);
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org", size == "phone" ? BrowserFixture.Phone : null);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/lessons/{lessonId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);

        await BrowserFixture.PlayAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelector('#video').currentTime > 0.5");

        Assert.Equal(new[] { 360, 640 }, await page.EvaluateAsync<int[]>("() => { const v = document.querySelector('#video'); return [v.videoWidth, v.videoHeight]; }"));
        // The picture as drawn: red in the top-left corner, grey in the bottom-right.
        var corners = await page.EvaluateAsync<int[]>(@"() => {
            const v = document.querySelector('#video'), c = document.createElement('canvas');
            c.width = v.videoWidth; c.height = v.videoHeight;
            const g = c.getContext('2d'); g.drawImage(v, 0, 0);
            return [...g.getImageData(10, 10, 1, 1).data.slice(0, 3), ...g.getImageData(c.width - 10, c.height - 10, 1, 1).data.slice(0, 3)];
        }");
        Assert.True(corners[0] > 180 && corners[1] < 80 && corners[2] < 80, $"top-left should be red: {string.Join(',', corners)}");
        Assert.True(Math.Abs(corners[3] - 128) < 30 && Math.Abs(corners[4] - 128) < 30, $"bottom-right should be grey: {string.Join(',', corners)}");
    }
}
