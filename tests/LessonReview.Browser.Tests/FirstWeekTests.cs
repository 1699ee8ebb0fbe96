using System.Net.Http.Json;
using LessonReview.Browser.Tests.Journeys;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LessonReview.Browser.Tests;

/// <summary>
/// What a programme's first week hit on the review page (issue 21): a double click posts once, a
/// stage move double-clicked moves once and says nothing wrong, the next comment after an action
/// item made from a reply is not a reply, and a range marked by keyboard survives pressing "c".
/// Laptop and phone, English and Japanese.
/// </summary>
public sealed class FirstWeekTests(BrowserFixture browser, ReviewHost app) : IClassFixture<BrowserFixture>, IClassFixture<ReviewHost>
{
    private async Task<(IPage Page, ReviewDto Review, IBrowserContext Context)> OpenAsync(Journey j)
    {
        var review = await app.OpenReviewAsync(await app.TraineeAsync());
        var context = await j.SignedInAsync(browser, app, "mentor@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/reviews/{review.Id}");
        await Journey.ReviewReadyAsync(page);
        return (page, review, context);
    }

    private async Task<ReviewDto> ReadAsync(Guid id) => (await (await app.MentorAsync()).GetFromJsonAsync<ReviewDto>($"/api/reviews/{id}"))!;

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Double_clicks_post_a_comment_and_an_action_item_once_and_move_the_stage_once(string size, string language)
    {
        var j = new Journey(size, language);
        var (page, review, context) = await OpenAsync(j);
        await using var _ = context;

        await page.Locator("#comment-text").FillAsync("Clear model of the task");
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Post comment") }).DblClickAsync();
        await Expect(page.Locator("#comments > li")).ToHaveCountAsync(1);
        await page.Locator("#action-text").FillAsync("Model the task before pair work");
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Add action item") }).DblClickAsync();
        await Expect(page.Locator("li.action-item")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Move to {0}", j.T("educate")) }).DblClickAsync();
        await Expect(page.Locator("#stages li[aria-current='step']")).ToContainTextAsync(j.T("educate"));

        await Expect(page.Locator("#stage-error")).ToBeHiddenAsync(); // no "already in educate"
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var saved = await ReadAsync(review.Id);
        Assert.Single(saved.Comments);
        Assert.Single(saved.ActionItems);
        Assert.Equal(["observe", "educate"], saved.StageHistory.Select(h => h.Stage));
    }

    [Theory]
    [InlineData("laptop", "en")]
    [InlineData("phone", "ja")]
    public async Task After_an_action_item_made_from_a_reply_the_next_comment_is_not_a_reply(string size, string language)
    {
        var j = new Journey(size, language);
        var (page, review, context) = await OpenAsync(j);
        await using var _ = context;
        var question = await ReviewHost.CommentAsync(await app.TraineeAsync(), review.Id, 2, "How do I get them talking?", "question");
        var item = page.Locator("#comments > li", new() { HasText = question.Text });
        await item.GetByRole(AriaRole.Button, new() { Name = j.T("Reply") }).ClickAsync();
        await page.Locator("#action-text").FillAsync("Ask one open question per activity");
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Add action item") }).ClickAsync();
        await Expect(page.Locator("li.action-item")).ToHaveCountAsync(1);

        await Expect(page.Locator("#reply-to")).ToBeHiddenAsync();
        await page.Locator("#comment-text").FillAsync("Good pace in the warm-up");
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Post comment") }).ClickAsync();
        await Expect(page.Locator("#comments > li")).ToHaveCountAsync(2); // a comment of its own, not a reply under the question

        var saved = await ReadAsync(review.Id);
        Assert.Null(saved.Comments.Single(c => c.Text == "Good pace in the warm-up").ParentId);
        Assert.Equal([question.Id], saved.ActionItems.Single().CommentIds);
    }

    [Theory]
    [InlineData("laptop", "en")]
    [InlineData("phone", "ja")]
    public async Task An_action_item_from_a_comment_in_one_click_keeps_its_moment_on_next_and_on_the_next_lessons_review(string size, string language)
    {
        var j = new Journey(size, language);
        var (page, review, context) = await OpenAsync(j);
        await using var _ = context;
        var comment = await ReviewHost.CommentAsync(await app.MentorAsync(), review.Id, 3, $"Pairs lost the thread {size} {language}");
        await page.ReloadAsync();
        await Journey.ReviewReadyAsync(page);

        await page.Locator("#comments > li", new() { HasText = comment.Text }).GetByRole(AriaRole.Button, new() { Name = j.T("Make an action item") }).ClickAsync();
        await Expect(page.Locator("#action-from-text")).ToContainTextAsync(j.T("From the comment at {0}: {1}", "0:03", comment.Text));
        await Expect(page.Locator("#action-text")).ToBeFocusedAsync();
        var itemText = $"Check understanding before pair work {size} {language}";
        await page.Keyboard.TypeAsync(itemText);
        await page.Keyboard.PressAsync("Enter");

        var row = page.Locator("li.action-item", new() { HasText = itemText });
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "▶ 0:03" })).ToBeVisibleAsync();
        await Expect(page.Locator("#action-from")).ToBeHiddenAsync();
        Assert.Equal([comment.Id], (await ReadAsync(review.Id)).ActionItems.Single(i => i.Text == itemText).CommentIds);

        // The trainee's "Before your next lesson" plays that moment.
        await using var traineeContext = await j.SignedInAsync(browser, app, "trainee@example.org");
        var trainee = await traineeContext.NewPageAsync();
        await trainee.GotoAsync("/next");
        await Expect(trainee.Locator("li", new() { HasText = itemText }).GetByRole(AriaRole.Link, new() { Name = "▶ 0:03" })).ToBeVisibleAsync();

        // The next lesson's review names the lesson it comes from and links the moment in that review.
        var api = await app.TraineeAsync();
        var nextLesson = await Tus.UploadAsync(api, await LessonReview.TestSupport.TestClips.LandscapeH264Async(), $"Unit 4 {size} {language}");
        await Tus.WaitUntilProcessedAsync(api, nextLesson);
        var next = await app.OpenReviewAsync(api, nextLesson);
        await page.GotoAsync($"/reviews/{next.Id}");
        await Journey.ReviewReadyAsync(page);
        var previous = page.Locator("#previous-items li", new() { HasText = itemText });
        await Expect(previous).ToContainTextAsync(j.T("from {0}", $"Unit 3 ({review.LessonDate:yyyy-MM-dd})"));
        await previous.GetByRole(AriaRole.Link, new() { Name = j.T("Play {0} of {1}", "0:03", "Unit 3") }).ClickAsync();
        await page.WaitForURLAsync($"**/reviews/{review.Id}?t=3");
        await page.WaitForFunctionAsync("() => Math.abs(document.querySelector('#video').currentTime - 3) < 0.5");
    }

    [Theory]
    [InlineData("laptop", "en")]
    [InlineData("phone", "ja")]
    public async Task An_empty_file_is_refused_on_the_upload_page_in_words_and_leaves_no_lesson(string size, string language)
    {
        var j = new Journey(size, language);
        await using var context = await j.SignedInAsync(browser, app, "trainee@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/lessons/upload");
        var title = $"Empty {size} {language}";

        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "IMG_0001.MOV", MimeType = "video/quicktime", Buffer = [] });
        await page.Locator("#title").FillAsync(title);
        await page.Locator("#consent").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Upload"), Exact = true }).ClickAsync();

        await Expect(page.Locator("#upload-error")).ToHaveTextAsync(j.T("This file is empty (0 bytes): it may not have finished copying from the phone or camera. Choose the recording again."));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = j.T("Upload"), Exact = true })).ToBeEnabledAsync();
        Assert.DoesNotContain((await (await app.TraineeAsync()).GetFromJsonAsync<List<LessonReview.Web.Lessons.LessonDto>>("/api/lessons"))!, l => l.Title == title);
    }

    [Fact]
    public async Task A_comment_typed_before_the_page_script_has_loaded_is_kept_and_posted_once_it_has()
    {
        var review = await app.OpenReviewAsync(await app.TraineeAsync());
        await using var context = await browser.SignedInContextAsync(app, "mentor@example.org");
        var page = await context.NewPageAsync();
        // A slow school network: the page's script arrives only when the test lets it.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/js/review.js*", async route => { await release.Task; await route.ContinueAsync(); });
        // (Module scripts hold DOMContentLoaded back: wait only for the page itself.)
        await page.GotoAsync($"/reviews/{review.Id}", new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.Locator("#comment-text")).ToBeVisibleAsync();

        await page.Locator("#comment-text").FillAsync("Typed while the page was loading");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Post comment" })).ToBeDisabledAsync();
        await page.Locator("#comment-text").PressAsync("Enter");
        await page.Locator("#action-text").FillAsync("An item typed early");
        await page.Locator("#action-text").PressAsync("Enter"); // implicit submission: refused while its button is off
        Assert.Equal($"/reviews/{review.Id}", new Uri(page.Url).AbsolutePath + new Uri(page.Url).Query.TrimEnd('?'));
        await Expect(page.Locator("#action-text")).ToHaveValueAsync("An item typed early");

        release.SetResult();
        await Journey.ReviewReadyAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page.Locator("#comments > li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#comments > li")).ToContainTextAsync("Typed while the page was loading");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ja")]
    public async Task A_range_marked_with_i_and_o_survives_c_and_is_posted_with_ctrl_enter(string language)
    {
        var j = new Journey("laptop", language);
        var (page, review, context) = await OpenAsync(j);
        await using var _ = context;
        var video = page.Locator("#video");
        await video.EvaluateAsync("(v) => new Promise(r => { v.addEventListener('seeked', r, { once: true }); v.currentTime = 1; })");
        await page.Locator("body").ClickAsync(new() { Position = new() { X = 2, Y = 2 } });
        await page.Keyboard.PressAsync("i");
        await video.EvaluateAsync("(v) => new Promise(r => { v.addEventListener('seeked', r, { once: true }); v.currentTime = 4; })");
        await page.Keyboard.PressAsync("o");
        await page.Keyboard.PressAsync("c");
        await Expect(page.Locator("#comment-text")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Pairs lost here");
        await page.Keyboard.PressAsync("Control+Enter");

        await Expect(page.Locator("#comments > li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#comment-error")).ToBeHiddenAsync();
        var comment = (await ReadAsync(review.Id)).Comments.Single();
        Assert.Equal((1.0, 4.0), (comment.AtSeconds, comment.EndSeconds));
    }
}
