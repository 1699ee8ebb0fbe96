using System.Text.RegularExpressions;
using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;
using Microsoft.Playwright;

namespace LessonReview.Browser.Tests;

/// <summary>The trainee's first journey in a real browser: sign in, upload, watch progress, play and seek.</summary>
public sealed class LessonJourneyTests(BrowserFixture browser, AppHost app) : IClassFixture<BrowserFixture>, IClassFixture<AppHost>
{
    [Fact]
    public async Task Trainee_uploads_a_recording_sees_progress_then_plays_and_seeks_it()
    {
        var clip = await TestClips.Mpeg4Async(seconds: 30);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), Locale = "en-US" });
        var refusedByPolicy = BrowserFixture.WatchCsp(context);
        var page = await context.NewPageAsync();
        var segments = 0;
        page.Response += (_, response) => { if (response.Ok && response.Url.EndsWith(".m4s", StringComparison.Ordinal)) segments++; };

        // Sign in through the form.
        await page.GotoAsync("/lessons");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.GetByLabel("E-mail").FillAsync("trainee@example.org");
        await page.GetByLabel("Password").FillAsync(AppHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My lessons" })).ToBeVisibleAsync();

        // Upload through the page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Upload a lesson" }).First.ClickAsync();
        await page.GetByLabel("Recording").SetInputFilesAsync(clip);
        await page.GetByLabel("Title").FillAsync("南中学校 2年 Unit 3");
        await page.GetByLabel("Date of this lesson").FillAsync(TestCalendar.Today.Iso());
        await page.Locator("#consent").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/lessons/[0-9a-f-]{36}$"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "南中学校 2年 Unit 3" })).ToBeVisibleAsync();

        // Progress arrives over the hub while the video is prepared; the player appears with the first segments.
        var seen = new SortedSet<double>();
        var video = page.Locator("video#video");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (await page.Locator("#processing").IsVisibleAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "the video never became ready");
            var value = await page.EvaluateAsync<double?>("() => { const p = document.querySelector('#processing-progress'); return p.hidden ? null : p.value; }");
            if (value is > 0 and < 1) seen.Add(value.Value);
            await Task.Delay(100);
        }
        Assert.True(seen.Count >= 1, "processing progress should be shown between 0 and 100 %");
        await Assertions.Expect(video).ToBeVisibleAsync();
        // The next step is offered at once, without a reload: asking mentors for a review.
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Who should review this lesson?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start a self-review" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("{"); // no stray Razor braces

        // It plays (hls.js, from the HLS segments)…
        await BrowserFixture.PlayAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelector('#video').currentTime > 0.5", null, new() { Timeout = 30_000 });
        Assert.Equal("hls.js", await video.GetAttributeAsync("data-player"));
        // …and seeks anywhere.
        Assert.InRange(await BrowserFixture.SeekAsync(page, 20), 19.5, 20.5);
        Assert.True(segments > 0, "the video must come as HLS segments");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelector('#video').error?.code ?? 0"));

        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lessonreview-screens"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "lessonreview-screens", "lesson.png") });
        await page.GotoAsync("/lessons");
        await Assertions.Expect(page.GetByText("Ready to watch")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "lessonreview-screens", "lessons.png") });
        Assert.Empty(refusedByPolicy); // upload, progress, player and storyboard all run under the page's CSP
    }

    [Fact]
    public async Task While_the_connection_is_down_the_upload_says_it_is_reconnecting_then_finishes_by_itself()
    {
        var clip = await TestClips.LandscapeH264Async();
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org");
        var page = await context.NewPageAsync();
        var offline = true;
        var refused = 0;
        // Every PATCH (the bytes) fails at the network level until the test brings the network back.
        await page.RouteAsync("**/api/uploads/**", async route =>
        {
            if (offline && route.Request.Method == "PATCH") { Interlocked.Increment(ref refused); await route.AbortAsync("internetdisconnected"); }
            else await route.ContinueAsync();
        });
        await page.GotoAsync("/lessons/upload");
        await page.GetByLabel("Recording").SetInputFilesAsync(clip);
        await page.GetByLabel("Title").FillAsync("Wi-Fi drops during upload");
        await page.Locator("#consent").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#upload-text")).ToContainTextAsync("reconnecting", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#upload-text")).ToContainTextAsync("continues by itself");
        Assert.True(refused >= 1);
        offline = false;

        await page.WaitForURLAsync(new Regex(@"/lessons/[0-9a-f-]{36}$"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wi-Fi drops during upload" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Wrong_password_shows_a_readable_message_on_the_page()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/signin");
        await page.GetByLabel("E-mail").FillAsync("trainee@example.org");
        await page.GetByLabel("Password").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match an account");
    }
}
