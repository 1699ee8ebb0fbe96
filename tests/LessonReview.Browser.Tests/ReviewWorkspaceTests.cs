using System.Net;
using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.Playwright;

namespace LessonReview.Browser.Tests;

/// <summary>A mentor and a trainee on one review, each in their own browser context.</summary>
public sealed class ReviewWorkspaceTests(BrowserFixture browser, AppHost app) : IClassFixture<BrowserFixture>, IClassFixture<AppHost>
{
    [Fact]
    public async Task Mentor_comment_stage_change_and_missed_comments_reach_the_trainee_live()
    {
        // A ready 30-second lesson with a review assigned to the seeded mentor.
        var traineeApi = await app.TraineeAsync();
        var lessonId = await Tus.UploadAsync(traineeApi, await TestClips.Mpeg4Async(seconds: 30), "Unit 5 · shopping");
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(traineeApi, lessonId, 120)).Status);
        var mentorApi = await app.MentorAsync();
        var mentorId = await AppHost.IdOfAsync(mentorApi);
        var created = await traineeApi.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { mentorIds = new[] { mentorId } });
        var reviewId = (await created.Content.ReadFromJsonAsync<ReviewDto>())!.Id;

        await using var mentorContext = await browser.SignedInContextAsync(app, "mentor@example.org");
        await using var traineeContext = await browser.SignedInContextAsync(app, "trainee@example.org");
        var mentor = await mentorContext.NewPageAsync();
        var trainee = await traineeContext.NewPageAsync();
        // The trainee's hub socket goes through the test so the test can cut it like a dropped Wi-Fi.
        var sockets = new List<IWebSocketRoute>();
        await trainee.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/hubs/review"), ws =>
        {
            ws.ConnectToServer();
            lock (sockets) sockets.Add(ws);
        });
        await mentor.GotoAsync($"/reviews/{reviewId}");
        await trainee.GotoAsync($"/reviews/{reviewId}");
        await Assertions.Expect(trainee.Locator("#presence")).ToContainTextAsync("Mia Mentor");

        // The mentor pauses at 0:07 and comments from the keyboard.
        await mentor.Locator("#video").EvaluateAsync(
            "v => new Promise(r => { const go = () => { v.addEventListener('seeked', r, { once: true }); v.currentTime = 7; }; v.readyState >= 1 ? go() : v.addEventListener('loadedmetadata', go, { once: true }); })");
        await mentor.Locator("body").PressAsync("c");
        await Assertions.Expect(mentor.Locator("#comment-text")).ToBeFocusedAsync();
        await Assertions.Expect(mentor.Locator("#comment-at")).ToHaveTextAsync("0:07");
        await mentor.Locator("#comment-text").FillAsync("生徒が迷っている — model the task first");
        await mentor.Locator("#comment-text").PressAsync("Control+Enter");

        // The trainee sees it without reloading; clicking it seeks to 7 s.
        var comment = trainee.Locator("li.comment", new() { HasText = "model the task first" });
        await Assertions.Expect(comment).ToBeVisibleAsync(new() { Timeout = 5000 });
        await comment.Locator("button.time").ClickAsync();
        await trainee.WaitForFunctionAsync("() => Math.abs(document.querySelector('#video').currentTime - 7) < 0.5");
        await Assertions.Expect(trainee.Locator(".marker.kind-observation")).ToHaveCountAsync(1);

        // A stage change shows live.
        await mentor.GetByRole(AriaRole.Button, new() { Name = "Move to educate" }).ClickAsync();
        await Assertions.Expect(trainee.Locator("#stages li.current")).ToHaveTextAsync("educate");

        // The trainee's connection drops; two comments are posted meanwhile; nothing is missed or doubled.
        await trainee.RouteAsync("**/hubs/review/**", route => route.AbortAsync()); // reconnect attempts fail while "offline"
        foreach (var socket in sockets.ToList()) await socket.CloseAsync(new() { Code = 4000, Reason = "Wi-Fi dropped" });
        await Assertions.Expect(trainee.Locator("#connection")).ToContainTextAsync("Connection lost", new() { Timeout = 15_000 });
        foreach (var (at, text) in new[] { (12.0, "Missed while offline #1"), (15.0, "Missed while offline #2") })
            Assert.Equal(HttpStatusCode.Created, (await mentorApi.PostAsJsonAsync($"/api/reviews/{reviewId}/comments",
                new { id = Guid.NewGuid(), atSeconds = at, kind = "question", text })).StatusCode);
        await trainee.UnrouteAsync("**/hubs/review/**");

        await Assertions.Expect(trainee.Locator("li.comment", new() { HasText = "Missed while offline #2" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(trainee.Locator("li.comment")).ToHaveCountAsync(3);
        await Assertions.Expect(trainee.Locator("li.comment", new() { HasText = "Missed while offline #1" })).ToHaveCountAsync(1);
        await Assertions.Expect(trainee.Locator("#connection")).ToBeEmptyAsync();

        // The trainee takes the mentor off the review: the mentor's open page says so and stops.
        Assert.Equal(HttpStatusCode.OK, (await traineeApi.PutAsJsonAsync($"/api/reviews/{reviewId}/mentors", new { userIds = Array.Empty<Guid>() })).StatusCode);
        await Assertions.Expect(mentor.Locator("#connection")).ToContainTextAsync("no longer a mentor of this review", new() { Timeout = 10_000 });
        await Assertions.Expect(mentor.Locator("#comment-text")).ToBeDisabledAsync();
        await Assertions.Expect(trainee.Locator("#presence")).Not.ToContainTextAsync("Mia Mentor");

        await trainee.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "lessonreview-screens", "workspace.png"), FullPage = true });
    }

    [Fact]
    public async Task Comment_text_with_markup_is_shown_as_text_not_run()
    {
        var traineeApi = await app.TraineeAsync();
        var lessonId = await Tus.UploadAsync(traineeApi, await TestClips.LandscapeH264Async(), "Injection check");
        await Tus.WaitUntilProcessedAsync(traineeApi, lessonId);
        var reviewId = (await (await traineeApi.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { kind = "self" }))
            .Content.ReadFromJsonAsync<ReviewDto>())!.Id;
        const string payload = "<img src=x onerror=\"window.__pwned=1\"><b>bold?</b>";
        await traineeApi.PostAsJsonAsync($"/api/reviews/{reviewId}/comments", new { atSeconds = 1, kind = "note", text = payload });

        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/reviews/{reviewId}");

        await Assertions.Expect(page.Locator("li.comment .text")).ToHaveTextAsync(payload);
        Assert.Equal(0, await page.Locator("li.comment img, li.comment b").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
    }

    [Fact]
    public async Task Before_the_next_lesson_the_trainee_acknowledges_an_action_item_in_place()
    {
        var traineeApi = await app.TraineeAsync();
        var lessonId = await Tus.UploadAsync(traineeApi, await TestClips.LandscapeH264Async(), "Unit 7 · directions");
        await Tus.WaitUntilProcessedAsync(traineeApi, lessonId);
        var mentorApi = await app.MentorAsync();
        var mentorId = await AppHost.IdOfAsync(mentorApi);
        var reviewId = (await (await traineeApi.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { mentorIds = new[] { mentorId } }))
            .Content.ReadFromJsonAsync<ReviewDto>())!.Id;
        var text = $"Check understanding with a gesture {Guid.NewGuid():N}"[..48];
        (await mentorApi.PostAsJsonAsync($"/api/reviews/{reviewId}/action-items", new { text })).EnsureSuccessStatusCode();

        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org");
        var refusedByPolicy = BrowserFixture.WatchCsp(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/next");
        var item = page.Locator("li.action-item", new() { HasText = text });
        await item.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Assertions.Expect(item.GetByText("✓ acknowledged")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("li.action-item", new() { HasText = text }).GetByText("✓ acknowledged")).ToBeVisibleAsync();
        Assert.Empty(refusedByPolicy); // the page's script is a file now: the CSP allows no inline script
    }
}
