using System.Net.Http.Json;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.Playwright;

namespace LessonReview.Browser.Tests.Journeys;

/// <summary>
/// The mentor's journey (../shared/JOURNEYS.md), one test per step, each on a laptop and a phone, in
/// English and Japanese, asserting what Mia sees.
/// </summary>
public sealed class MentorJourneyTests(BrowserFixture browser, JourneyHost app) : IClassFixture<BrowserFixture>, IClassFixture<JourneyHost>
{
    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step0_is_told_of_a_request_at_once_in_the_header_in_the_list_and_by_mail(string size, string language)
    {
        var j = new Journey(size, language);
        await using var context = await j.SignedInAsync(browser, app, "mentor@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/reviews");
        await page.WaitForFunctionAsync("() => window.signalR !== undefined");
        await page.WaitForTimeoutAsync(500); // the page's hub connection is up
        var before = int.Parse(await page.Locator("#unread-count").TextContentAsync() ?? "0");

        var reviewId = await app.MentoredReviewAsync();

        // Live: the header's count goes up without a reload, and says so to a screen reader.
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('unread-count').textContent) > {before}");
        await Assertions.Expect(page.Locator("#unread-count")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#notifications-announcer")).ToHaveTextAsync(j.T("You have a new notification."));
        await page.Locator("#notifications-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = j.T("Notifications"), Exact = true })).ToBeVisibleAsync();
        var item = page.Locator(".notifications li").Filter(new() { Has = page.Locator($"a[href='/reviews/{reviewId}']") });
        await Assertions.Expect(item.Locator("a")).ToHaveTextAsync(j.T("{0} asked you to review “{1}”.", "Tomoko Trainee", JourneyHost.LessonTitle));
        await Assertions.Expect(item.Locator(".badge.unread")).ToHaveTextAsync(j.T("New"));
        await Assertions.Expect(page.Locator("#unread-count")).ToBeHiddenAsync(); // opening the list read them
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
        await j.ShotAsync(page, "notifications");
        await item.Locator("a").ClickAsync();
        await Journey.ReviewReadyAsync(page);

        // And by mail, with the link to the review.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!app.Smtp.Received().Any(m => System.Text.Encoding.UTF8.GetString(m).Contains($"/reviews/{reviewId}")) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Contains(app.Smtp.Received(), m => System.Text.Encoding.UTF8.GetString(m).Contains($"/reviews/{reviewId}"));
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step1_the_queue_shows_stage_and_date_requested_with_the_most_overdue_before_the_newer_ones(string size, string language)
    {
        var j = new Journey(size, language);
        var overdueReview = await app.MentoredReviewAsync();
        var item = await app.ActionItemAsync(overdueReview, $"Use the students' names ({size} {language})");
        await app.MakeOverdueAsync(item.Id, daysAgo: 2);
        var newerReview = await app.MentoredReviewAsync();
        await using var context = await j.SignedInAsync(browser, app, "mentor@example.org");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/lessons");
        await page.GetByRole(AriaRole.Link, new() { Name = j.T("Reviews"), Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = j.T("Your review queue") })).ToBeVisibleAsync();
        var rows = page.Locator("table.queue tbody tr");
        var overdueRow = rows.Filter(new() { Has = page.Locator($"a[href='/reviews/{overdueReview}']") });
        await Assertions.Expect(overdueRow.Locator($"td[data-label='{j.T("Next due")}']")).ToContainTextAsync(j.T(" (overdue)").Trim());
        await Assertions.Expect(overdueRow.Locator($"td[data-label='{j.T("Stage")}']")).ToHaveTextAsync(j.T("observe"));
        await Assertions.Expect(overdueRow.Locator($"td[data-label='{j.T("Requested")}'] time")).ToHaveTextAsync(JourneyHost.Today.ToString("yyyy-MM-dd"));
        var order = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.querySelector('a').getAttribute('href'))");
        Assert.True(Array.IndexOf(order, $"/reviews/{overdueReview}") < Array.IndexOf(order, $"/reviews/{newerReview}"), "the overdue review comes first");
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
        await j.ShotAsync(page, "queue");
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step2_watches_faster_comments_over_a_range_from_the_keyboard_and_sees_colleagues_live(string size, string language)
    {
        var j = new Journey(size, language);
        var reviewId = await app.MentoredReviewAsync();
        var colleagueEmail = await app.CreateUserAsync("mentor", $"Ken JTE {size} {language}");
        var colleague = await app.SignInAsync(colleagueEmail);
        var colleagueId = await AppHost.IdOfAsync(colleague);
        await (await app.TraineeAsync()).PutAsJsonAsync($"/api/reviews/{reviewId}/mentors", new { userIds = new[] { app.MentorId, colleagueId } });
        await using var context = await j.SignedInAsync(browser, app, "mentor@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/reviews/{reviewId}");
        await Journey.ReviewReadyAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelector('#video').readyState >= 1");
        await Assertions.Expect(page.Locator("#mentor-names")).ToContainTextAsync($"Ken JTE {size} {language}"); // a colleague, by name

        await page.GetByLabel(j.T("Speed")).SelectOptionAsync("1.5");
        Assert.Equal(1.5, await page.Locator("#video").EvaluateAsync<double>("v => v.playbackRate"));
        await page.Locator("body").PressAsync("k");
        await page.WaitForFunctionAsync("() => !document.querySelector('#video').paused");
        await page.Locator("body").PressAsync("k");
        await page.WaitForFunctionAsync("() => document.querySelector('#video').paused");
        await page.Locator("#video").EvaluateAsync("v => { v.currentTime = 0; }");
        await page.Keyboard.PressAsync("l"); // +5 s
        await page.Keyboard.PressAsync("i");
        await page.Keyboard.PressAsync("l");
        await page.Keyboard.PressAsync("o");
        await Assertions.Expect(page.Locator("#comment-range")).ToContainTextAsync("0:10");
        await page.GetByLabel(j.T("Kind")).SelectOptionAsync("strength");
        await page.Locator("#comment-text").FillAsync("Clear model dialogue with the JTE — 良いデモ");
        await page.Locator("#comment-text").PressAsync("Control+Enter");

        var mine = page.Locator("li.comment").Filter(new() { HasText = "良いデモ" });
        await Assertions.Expect(mine.Locator("button.time")).ToHaveTextAsync("0:05–0:10");
        await Assertions.Expect(mine.Locator(".badge.kind-strength")).ToHaveTextAsync(j.T("Strength"));
        await ReviewHost.CommentAsync(colleague, reviewId, 14, "Students answered in full sentences", "observation");
        await Assertions.Expect(page.Locator("li.comment").Filter(new() { HasText = "full sentences" })).ToContainTextAsync($"Ken JTE {size} {language}");
        await using var traineeContext = await j.SignedInAsync(browser, app, "trainee@example.org");
        await (await traineeContext.NewPageAsync()).GotoAsync($"/reviews/{reviewId}");
        await Assertions.Expect(page.Locator("#presence")).ToContainTextAsync("Tomoko Trainee");
        await j.ShotAsync(page, "review");
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step3_moves_the_review_to_educate_and_the_history_says_who(string size, string language)
    {
        var j = new Journey(size, language);
        var reviewId = await app.MentoredReviewAsync();
        await using var context = await j.SignedInAsync(browser, app, "mentor@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/reviews/{reviewId}");
        await Journey.ReviewReadyAsync(page);

        var move = page.GetByRole(AriaRole.Button, new() { Name = j.T("Move to {0}", j.T("educate")) });
        await move.ClickAsync();
        await Assertions.Expect(page.Locator("#stage-error")).ToHaveTextAsync(j.T("Add at least one comment (an observation) before moving to educate."));
        await ReviewHost.CommentAsync(await app.MentorAsync(), reviewId, 3, "Warm-up song got everyone moving");
        await move.ClickAsync();

        await Assertions.Expect(page.Locator("#stages [aria-current='step']")).ToHaveTextAsync(j.T("educate"));
        await page.GetByText(j.T("Stage history")).ClickAsync();
        await Assertions.Expect(page.Locator("#stage-history li").Last).ToContainTextAsync($"{j.T("educate")} · Mia Mentor");
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step4_agrees_an_action_item_moves_to_follow_up_and_closes_the_cycle_once_it_is_checked(string size, string language)
    {
        var j = new Journey(size, language);
        var reviewId = await app.MentoredReviewAsync();
        var mentor = await app.MentorAsync();
        await ReviewHost.CommentAsync(mentor, reviewId, 3, "Instructions ran long");
        await mentor.PostAsJsonAsync($"/api/reviews/{reviewId}/stage", new { stage = "educate" });
        await using var context = await j.SignedInAsync(browser, app, "mentor@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/reviews/{reviewId}");
        await Journey.ReviewReadyAsync(page);

        var goal = "Give instructions in three short steps";
        await page.GetByLabel(j.T("New action item")).FillAsync(goal);
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Add action item") }).ClickAsync();
        await Assertions.Expect(page.Locator("#action-items li.action-item")).ToContainTextAsync(goal);
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Move to {0}", j.T("follow-up")) }).ClickAsync();
        await Assertions.Expect(page.Locator("#stages [aria-current='step']")).ToHaveTextAsync(j.T("follow-up"));

        var close = page.GetByRole(AriaRole.Button, new() { Name = j.T("Move to {0}", j.T("done")) });
        await close.ClickAsync();
        await Assertions.Expect(page.Locator("#stage-error")).ToHaveTextAsync(
            j.T("{0} action item(s) are still open: mark each done or dropped before closing the review.", 1));
        await page.GetByLabel(j.T("Status of: {0}", goal)).SelectOptionAsync("done");
        await Assertions.Expect(page.Locator("#action-items li.action-item.status-done")).ToBeVisibleAsync();
        await close.ClickAsync();

        await Assertions.Expect(page.Locator("#stages [aria-current='step']")).ToHaveTextAsync(j.T("done"));
        var saved = (await mentor.GetFromJsonAsync<ReviewDto>($"/api/reviews/{reviewId}"))!;
        Assert.Equal(("done", "done"), (saved.Stage, saved.ActionItems.Single().Status));
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step5_tags_comments_with_an_area_and_rates_every_area_before_follow_up(string size, string language)
    {
        var j = new Journey(size, language);
        var (english, team) = await app.FrameworkAsync();
        try
        {
            var reviewId = await app.MentoredReviewAsync();
            var mentorApi = await app.MentorAsync();
            await ReviewHost.CommentAsync(mentorApi, reviewId, 2, "Warm-up in English");
            await mentorApi.PostAsJsonAsync($"/api/reviews/{reviewId}/stage", new { stage = "educate" });
            await app.ActionItemAsync(reviewId, "Give instructions in English first");
            await using var context = await j.SignedInAsync(browser, app, "mentor@example.org");
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/reviews/{reviewId}");
            await Journey.ReviewReadyAsync(page);
            var englishLabel = j.Language == "ja" ? "教室英語" : "Classroom English";
            var teamLabel = j.Language == "ja" ? "ティーム・ティーチング" : "Team teaching";

            await page.GetByLabel(j.T("Area")).SelectOptionAsync(new SelectOptionValue { Label = englishLabel });
            await page.Locator("#comment-text").FillAsync("Instructions switched to Japanese at 0:12");
            await page.GetByRole(AriaRole.Button, new() { Name = j.T("Post comment") }).ClickAsync();
            var mine = page.Locator("li.comment").Filter(new() { HasText = "switched to Japanese" });
            await Assertions.Expect(mine.Locator(".badge.area")).ToHaveTextAsync(englishLabel);

            // Follow-up waits for every area, and says which.
            await page.GetByRole(AriaRole.Button, new() { Name = j.T("Move to {0}", j.T("follow-up")) }).ClickAsync();
            await Assertions.Expect(page.Locator("#stage-error")).ToHaveTextAsync(j.T("Rate each area of the growth framework before moving to follow-up: {0}.", $"{englishLabel}, {teamLabel}"));
            var ratings = page.Locator("#ratings-form");
            await ratings.GetByLabel(englishLabel).SelectOptionAsync("2");
            await ratings.GetByLabel(teamLabel).SelectOptionAsync("1");
            await ratings.GetByRole(AriaRole.Button, new() { Name = j.T("Save ratings") }).ClickAsync();
            await Assertions.Expect(ratings.Locator("#ratings-status")).ToContainTextAsync("Mia Mentor");
            await j.ShotAsync(page, "ratings", ratings);
            await page.GetByRole(AriaRole.Button, new() { Name = j.T("Move to {0}", j.T("follow-up")) }).ClickAsync();
            await Assertions.Expect(page.Locator("#stages li[aria-current='step']")).ToHaveTextAsync(j.T("follow-up"));
            Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
        }
        finally
        {
            await app.ArchiveAsync(english, team);
        }
    }
}
