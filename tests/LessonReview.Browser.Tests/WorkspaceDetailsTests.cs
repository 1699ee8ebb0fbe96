using System.Net;
using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LessonReview.Browser.Tests;

/// <summary>
/// The review workspace's details a person relies on (issue 11): ▶ links open the moment, a range
/// comment keeps its range, Space presses the focused button, a reply can be cancelled and is not an
/// "Observation", edits are marked, action items do not inherit an old date or accept a past one.
/// </summary>
public sealed class WorkspaceDetailsTests(BrowserFixture browser, WorkspaceDetailsTests.Host app)
    : IClassFixture<BrowserFixture>, IClassFixture<WorkspaceDetailsTests.Host>
{
    /// <summary>One ready 30-second lesson of the seeded trainee with a review by the seeded mentor, and the trainee's private self-review of it.</summary>
    public sealed class Host : AppHost, IAsyncLifetime
    {
        public Guid ReviewId { get; private set; }
        public Guid SelfReviewId { get; private set; }
        public Guid LessonId { get; private set; }
        /// <summary>A lesson with real talk, analysed, and a mentored review of it (the talk strip and summary).</summary>
        public Guid TalkLessonId { get; private set; }
        public Guid TalkReviewId { get; private set; }

        public async Task InitializeAsync()
        {
            var trainee = await TraineeAsync();
            var lessonId = LessonId = await Tus.UploadAsync(trainee, await TestClips.Mpeg4Async(seconds: 30), "Unit 9 · weather");
            Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId, 300)).Status); // a ceiling: a loaded machine encodes slower
            var mentorId = await AppHost.IdOfAsync(await MentorAsync());
            var created = await trainee.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { mentorIds = new[] { mentorId } });
            ReviewId = (await created.Content.ReadFromJsonAsync<ReviewDto>())!.Id;
            SelfReviewId = (await (await trainee.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { kind = "self" })).Content.ReadFromJsonAsync<ReviewDto>())!.Id;
            await ReviewHost.CommentAsync(trainee, SelfReviewId, 3, "My own note: I spoke too fast here", "note");
            TalkLessonId = await Tus.UploadAsync(trainee, (await TestClips.ClassroomLessonAsync()).Path, "Unit 2 · my weekend");
            Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, TalkLessonId)).Status);
            Assert.Equal("ready", (await LessonReview.Web.Tests.Analysis.TalkTests.WaitForTalkAsync(trainee, TalkLessonId)).Status);
            var talkReview = await trainee.PostAsJsonAsync($"/api/lessons/{TalkLessonId}/reviews", new { mentorIds = new[] { mentorId } });
            TalkReviewId = (await talkReview.Content.ReadFromJsonAsync<ReviewDto>())!.Id;
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private async Task<IPage> OpenAsync(IBrowserContext context, string query = "")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/reviews/{app.ReviewId}{query}");
        await page.WaitForFunctionAsync("() => document.querySelector('#video').readyState >= 1");
        return page;
    }

    private static Task SeekAsync(IPage page, double seconds) => page.Locator("#video").EvaluateAsync(
        "(v, t) => new Promise(r => { v.addEventListener('seeked', r, { once: true }); v.currentTime = t; })", seconds);

    [Fact]
    public async Task A_moment_link_from_before_your_next_lesson_opens_the_video_at_that_moment()
    {
        var comment = await ReviewHost.CommentAsync(await app.MentorAsync(), app.ReviewId, 21.4, "Good use of gestures here");
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/next");

        await page.Locator("li.comment", new() { HasText = comment.Text }).GetByRole(AriaRole.Link, new() { Name = "▶ 0:21" }).ClickAsync();

        await page.WaitForFunctionAsync("() => Math.abs(document.querySelector('#video').currentTime - 21.4) < 0.3");
        // The same moment reads the same everywhere: 0:21 here too, not 0:22.
        await Assertions.Expect(page.Locator("li.comment", new() { HasText = comment.Text }).Locator("button.time")).ToHaveTextAsync("0:21");
    }

    [Fact]
    public async Task Mark_in_and_out_with_i_and_o_saves_a_range_even_while_the_video_plays()
    {
        await using var context = await browser.SignedInContextAsync(app, "mentor@example.org");
        var page = await OpenAsync(context);
        await SeekAsync(page, 4);
        await page.Locator("body").PressAsync("i");
        await SeekAsync(page, 9);
        await page.Locator("#video").EvaluateAsync("v => v.play()"); // timeupdate events flow while the range is set
        await page.WaitForFunctionAsync("() => document.querySelector('#video').currentTime > 9.5");
        await page.Locator("body").PressAsync("o");
        await page.WaitForTimeoutAsync(600); // more timeupdates: they must not move the in-point

        await Assertions.Expect(page.Locator("#comment-at")).ToHaveTextAsync("0:04");
        await page.Locator("#comment-text").FillAsync("Pair work instructions, from start to first question");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();

        var saved = page.Locator("li.comment", new() { HasText = "Pair work instructions" });
        await Assertions.Expect(saved.Locator("button.time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0:04–0:(09|1\d)$"));
        await Assertions.Expect(page.Locator(".marker.range")).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Space_on_a_focused_button_presses_it_and_does_not_play_the_video()
    {
        await using var context = await browser.SignedInContextAsync(app, "mentor@example.org");
        var page = await OpenAsync(context);
        await page.GetByText("Stage history").FocusAsync();

        await page.Keyboard.PressAsync(" ");

        await Assertions.Expect(page.Locator("details").Filter(new() { HasText = "Stage history" })).ToHaveAttributeAsync("open", "");
        Assert.True(await page.Locator("#video").EvaluateAsync<bool>("v => v.paused"));
        // Space from the page itself (nothing focused) still plays.
        await page.Locator("h1").ClickAsync();
        await page.EvaluateAsync("() => document.activeElement.blur()");
        await page.Keyboard.PressAsync(" ");
        await page.WaitForFunctionAsync("() => !document.querySelector('#video').paused");
    }

    [Fact]
    public async Task A_trainee_reply_is_a_note_and_a_reply_can_be_cancelled()
    {
        var comment = await ReviewHost.CommentAsync(await app.MentorAsync(), app.ReviewId, 12, "Try a model dialogue first");
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org");
        var page = await OpenAsync(context);
        var thread = page.Locator("li.comment", new() { HasText = comment.Text });

        await thread.GetByRole(AriaRole.Button, new() { Name = "Reply" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#reply-to")).ToContainTextAsync("Replying to Mia Mentor at 0:12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reply-to")).ToBeHiddenAsync();

        await thread.GetByRole(AriaRole.Button, new() { Name = "Reply" }).First.ClickAsync();
        await page.Locator("#comment-text").FillAsync("Thank you, I will try it next week");
        await page.Locator("#comment-text").PressAsync("Control+Enter");

        var reply = thread.Locator("ol.replies li.comment", new() { HasText = "Thank you" });
        await Assertions.Expect(reply.Locator(".badge")).ToHaveTextAsync("Note");
    }

    [Fact]
    public async Task An_edited_comment_says_so_to_everyone()
    {
        var mentorApi = await app.MentorAsync();
        var comment = await ReviewHost.CommentAsync(mentorApi, app.ReviewId, 15, "Clear instructions");
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org");
        var page = await OpenAsync(context);
        var item = page.Locator("li.comment", new() { HasText = "Clear instructions" });
        await Assertions.Expect(item).Not.ToContainTextAsync("(edited)");

        (await mentorApi.PatchAsJsonAsync($"/api/reviews/{app.ReviewId}/comments/{comment.Id}", new { text = "Clear instructions, and checked with a gesture" })).EnsureSuccessStatusCode();

        await Assertions.Expect(item).ToContainTextAsync("checked with a gesture");
        await Assertions.Expect(item.Locator(".edited")).ToHaveTextAsync("(edited)");
    }

    [Fact]
    public async Task A_new_action_item_does_not_keep_the_last_date_and_a_past_date_is_refused_in_words()
    {
        await using var context = await browser.SignedInContextAsync(app, "mentor@example.org");
        var page = await OpenAsync(context);
        var later = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd");

        await page.GetByLabel("New action item").FillAsync("Use the students' names");
        await page.Locator("#action-due").FillAsync(later);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add action item" }).ClickAsync();
        await Assertions.Expect(page.Locator("li.action-item", new() { HasText = "Use the students' names" })).ToContainTextAsync($"due {later}");
        await Assertions.Expect(page.Locator("#action-due")).ToHaveValueAsync("");

        // A past day typed into the field (the picker offers none) is refused with words, and the text stays.
        await page.GetByLabel("New action item").FillAsync("Wait five seconds after a question");
        await page.Locator("#action-due").EvaluateAsync("e => { e.removeAttribute('min'); e.value = '2020-01-06'; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add action item" }).ClickAsync();
        await Assertions.Expect(page.Locator("#action-error")).ToContainTextAsync("has already passed");
        await Assertions.Expect(page.GetByLabel("New action item")).ToHaveValueAsync("Wait five seconds after a question");
    }

    [Fact]
    public async Task An_overdue_item_is_called_overdue_on_before_your_next_lesson()
    {
        // Made due yesterday by writing the row: the API rightly refuses past dates.
        var mentorApi = await app.MentorAsync();
        var item = await (await mentorApi.PostAsJsonAsync($"/api/reviews/{app.ReviewId}/action-items", new { text = "Prepare flashcards" }))
            .Content.ReadFromJsonAsync<ActionItemDto>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LessonReview.Core.Data.LessonReviewDb>();
            var row = await db.ActionItems.SingleAsync(i => i.Id == item!.Id);
            row.DueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3));
            await db.SaveChangesAsync();
        }
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/next");

        await Assertions.Expect(page.Locator("li.action-item", new() { HasText = "Prepare flashcards" })).ToContainTextAsync("overdue since");
    }

    [Fact]
    public async Task On_a_phone_feedback_comes_first_the_video_stays_in_view_and_nothing_scrolls_sideways()
    {
        var mentorApi = await app.MentorAsync();
        for (var i = 0; i < 6; i++) await ReviewHost.CommentAsync(mentorApi, app.ReviewId, 2 + i * 4, $"Phone check {i}: a comment long enough to wrap over a few lines on a narrow screen");
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org", BrowserFixture.Phone);
        var page = await OpenAsync(context);
        var last = page.Locator("li.comment", new() { HasText = "Phone check 5" });
        await Assertions.Expect(last).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator("#presence")).ToContainTextAsync("Tomoko"); // joined: the list is not redrawn under the measurements
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "lessonreview-screens", "review-phone.png"), FullPage = true });
        // Measured in one go in the page (the list is redrawn whenever a change arrives).
        var m = await page.EvaluateAsync<double[]>(@"() => {
            const r = (e) => e.getBoundingClientRect();
            const times = [...document.querySelectorAll('li.comment button.time')].map((b) => r(b).height);
            return [r(document.querySelector('li.comment')).top, r(document.querySelector('#comment-form')).top,
                    r(document.querySelector('.marker')).width, r(document.querySelector('.marker')).height, Math.min(...times)];
        }");
        Assert.True(m[0] < m[1], $"feedback first: comment at {m[0]}, form at {m[1]}");
        Assert.True(m[2] >= 24 && m[3] >= 24, $"markers are tappable: {m[2]}×{m[3]}");
        Assert.True(m[4] >= 24, $"time links are tappable: {m[4]} px high");

        await last.Locator("button.time").TapAsync(); // far down the page
        await page.WaitForFunctionAsync("() => Math.abs(document.querySelector('#video').currentTime - 22) < 0.5");
        var video = (await page.Locator("#video").BoundingBoxAsync())!;
        Assert.True(video.Y >= -1 && video.Y + video.Height / 2 < 844, $"the video it seeks is on screen (top at {video.Y})");
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "the review page scrolls sideways");

        await page.GotoAsync("/reviews");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your reviews" }).Or(page.Locator("h1"))).ToBeVisibleAsync();
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "the reviews list scrolls sideways");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "lessonreview-screens", "reviews-phone.png") });
    }

    [Fact]
    public async Task A_trainee_starts_a_private_self_review_takes_notes_then_invites_a_mentor_who_sees_the_notes_marked()
    {
        var traineeApi = await app.TraineeAsync();
        var lessonId = await Tus.UploadAsync(traineeApi, await TestClips.LandscapeH264Async(), "Unit 8 · self-review");
        await Tus.WaitUntilProcessedAsync(traineeApi, lessonId);
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/lessons/{lessonId}");

        // Nothing ticked: the page says it is a self-review before it is opened; ticking a mentor changes the words.
        var form = page.Locator("#open-review");
        await Assertions.Expect(form).ToContainTextAsync("this opens a self-review");
        await form.GetByLabel("Mia Mentor").CheckAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Button, new() { Name = "Ask for a review" })).ToBeVisibleAsync();
        await form.GetByLabel("Mia Mentor").UncheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Start a self-review" }).ClickAsync();

        await Assertions.Expect(page.Locator("#self-review-private")).ToContainTextAsync("only you can see it");
        await Assertions.Expect(page.Locator("#mentor-names")).ToContainTextAsync("None yet");
        await page.Locator("#comment-text").FillAsync("I explained the game in English only; show it first.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Assertions.Expect(page.Locator("li.comment .badge.self-review")).ToHaveTextAsync("Self-review note");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Move to educate" })).ToBeVisibleAsync(); // the trainee runs their own cycle
        var reviewId = page.Url.Split('/').Last();
        await using (var coordinatorContext = await browser.SignedInContextAsync(app, "coordinator@example.org"))
        {
            var coordinatorPage = await coordinatorContext.NewPageAsync();
            await coordinatorPage.GotoAsync($"/reviews/{reviewId}");
            await Assertions.Expect(coordinatorPage.GetByRole(AriaRole.Heading, new() { Name = "Review not found" })).ToBeVisibleAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Change mentors" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Who should review this lesson?" }).GetByLabel("Mia Mentor").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save mentors" }).ClickAsync();

        await Assertions.Expect(page.Locator("#mentor-names")).ToHaveTextAsync("Mia Mentor");
        await Assertions.Expect(page.Locator("#self-review-shared")).ToContainTextAsync("shared with your mentors");
        await Assertions.Expect(page.Locator("#self-review-private")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change mentors" })).ToBeFocusedAsync();
        await using var mentorContext = await browser.SignedInContextAsync(app, "mentor@example.org");
        var mentorPage = await mentorContext.NewPageAsync();
        await mentorPage.GotoAsync("/reviews");
        await Assertions.Expect(mentorPage.Locator($"a[href='/reviews/{reviewId}']")).ToBeVisibleAsync();
        await mentorPage.Locator($"a[href='/reviews/{reviewId}']").ClickAsync();
        await Assertions.Expect(mentorPage.Locator("#self-review-shared")).ToContainTextAsync("Tomoko Trainee began this as a self-review");
        var note = mentorPage.Locator("li.comment").Filter(new() { HasText = "English only" });
        await Assertions.Expect(note.Locator(".badge.self-review")).ToHaveTextAsync("Self-review note");
    }

    [Fact]
    public async Task An_unknown_address_shows_a_page_and_the_api_still_answers_problem_json()
    {
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org");
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/lessons/not-a-lesson/typo");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to your start page" })).ToBeVisibleAsync();
        var api = await (await app.TraineeAsync()).GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
