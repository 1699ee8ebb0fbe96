using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LessonReview.TestSupport;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.Playwright;

namespace LessonReview.Browser.Tests.Journeys;

/// <summary>
/// The trainee's journey (../shared/JOURNEYS.md), one test per step, each on a laptop and a phone,
/// in English and Japanese, asserting what Tomoko sees.
/// </summary>
public sealed class TraineeJourneyTests(BrowserFixture browser, JourneyHost app) : IClassFixture<BrowserFixture>, IClassFixture<JourneyHost>
{
    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step1_uploads_the_recording_with_title_and_dates_and_sees_bytes_and_speed(string size, string language)
    {
        var j = new Journey(size, language);
        await using var context = await j.SignedInAsync(browser, app, "trainee@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/lessons");
        await page.GetByRole(AriaRole.Link, new() { Name = j.T("Upload a lesson") }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = j.T("Upload a lesson") })).ToBeVisibleAsync();

        await page.Locator("#file").SetInputFilesAsync(await TestClips.LandscapeH264Async());
        var title = $"北小学校 5年 Unit 2 · {size} {language}";
        await page.GetByLabel(j.T("Title")).FillAsync(title);
        var nextLesson = TestCalendar.FromToday(7).Iso();
        await page.GetByLabel(j.T("Date of this lesson")).FillAsync(TestCalendar.Today.Iso());
        await page.GetByLabel(j.T("Date of your next lesson with this class")).FillAsync(nextLesson);
        // Pupils are filmed: nothing is sent until the trainee confirms the school's consent rule.
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Upload"), Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#upload-error")).ToHaveTextAsync(j.T("Confirm the school's consent for filming this class first."));
        await page.GetByLabel(j.T("The school's consent rule allows filming this class: every pupil in the video has consent (pupils without it were kept out of frame).")).CheckAsync();
        await j.ShotAsync(page, "upload");
        // School Wi-Fi: 2 MB/s up, so the line has time to show bytes, speed and time left.
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            { ["offline"] = false, ["latency"] = 20, ["downloadThroughput"] = -1, ["uploadThroughput"] = 2_000_000 });
        var lines = await WatchTextAsync(page, "#upload-text");
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Upload"), Exact = true }).ClickAsync();

        await page.WaitForURLAsync(new Regex(@"/lessons/[0-9a-f-]{36}$"), new() { Timeout = 60_000 });
        var progress = Template(j.T("{0} · {1} of {2}") + j.T(" · {0}/s · about {1} left"));
        Assert.Contains(lines, line => progress.IsMatch(line));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".meta")).ToContainTextAsync(j.T("taught"));
        await Assertions.Expect(page.Locator($".meta time[datetime='{nextLesson}']")).ToBeVisibleAsync();
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step2_sees_processing_then_plays_it_and_reviews_it_privately_first(string size, string language)
    {
        var j = new Journey(size, language);
        var lessonId = await app.ReadyLessonAsync($"Self-review {size} {language}");
        await using var context = await j.SignedInAsync(browser, app, "trainee@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/lessons/{lessonId}");
        await BrowserFixture.PlayAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelector('#video').currentTime > 0.5", null, new() { Timeout = 30_000 });

        var form = page.Locator("#open-review");
        await Assertions.Expect(form).ToContainTextAsync(j.T("No mentor ticked: this opens a self-review. Only you will see it while you watch and take notes at moments; invite mentors from its page when you want feedback."));
        await j.ShotAsync(page, "lesson", form);
        await form.GetByRole(AriaRole.Button, new() { Name = j.T("Start a self-review") }).ClickAsync();
        await Assertions.Expect(page.Locator("#self-review-private")).ToBeVisibleAsync();
        await Journey.ReviewReadyAsync(page);
        await page.Locator("#comment-text").FillAsync("ここで指示が長すぎた — instructions too long");
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Post comment") }).ClickAsync();

        var note = page.Locator("li.comment").Filter(new() { HasText = "instructions too long" });
        await Assertions.Expect(note.Locator(".badge.self-review")).ToHaveTextAsync(j.T("Self-review note"));
        await Assertions.Expect(note.Locator(".badge.kind-note")).ToHaveTextAsync(j.T("Note"));
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step2b_watches_and_starts_a_self_review_while_the_rest_still_encodes(string size, string language)
    {
        // A recording that must be encoded (not H.264), 30 s of 1080p: the encode takes several times longer than the first segments.
        var j = new Journey(size, language);
        var trainee = await app.TraineeAsync();
        var lessonId = await Tus.UploadAsync(trainee, await TestClips.Hd1080Async(30, h264: false), $"Still encoding {size} {language}");
        await using var context = await j.SignedInAsync(browser, app, "trainee@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/lessons/{lessonId}");

        // The player appears by itself once the first segments are out, and the page says the rest is coming.
        await Assertions.Expect(page.Locator("video#video")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#status-text")).ToContainTextAsync(j.T("You can watch it now; the rest is still being prepared… {0}", "").TrimEnd());
        await BrowserFixture.PlayAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelector('#video').currentTime > 0.5", null, new() { Timeout = 30_000 });
        // What is there so far is less than the lesson: it plays while it still encodes.
        var available = await page.EvaluateAsync<double>("() => document.querySelector('#video').duration");
        Assert.InRange(available, 1, 29);
        await j.ShotAsync(page, "playable-while-encoding", page.Locator("#player"));
        // It seeks within what is there.
        var target = Math.Round(available / 2, 1);
        Assert.InRange(await BrowserFixture.SeekAsync(page, target), target - 0.5, target + 0.5);

        // The review need not wait either: notes at moments already there.
        await page.Locator("#open-review").GetByRole(AriaRole.Button, new() { Name = j.T("Start a self-review") }).ClickAsync();
        await Journey.ReviewReadyAsync(page);
        await Assertions.Expect(page.Locator("#still-encoding")).ToHaveTextAsync(j.T("The rest of this lesson is still being prepared: later parts become watchable within minutes, and comments can be left at any moment already there."));
        await BrowserFixture.PlayAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelector('#video').currentTime > 0.5", null, new() { Timeout = 30_000 });
        await page.Locator("#comment-text").FillAsync("始めの挨拶が良い — a good greeting");
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Post comment") }).ClickAsync();
        await Assertions.Expect(page.Locator("li.comment").Filter(new() { HasText = "a good greeting" })).ToBeVisibleAsync();
        if (!j.Phone)
        {
            // Scrubbing previews follow the encode: hovering the timeline shows the storyboard's thumbnail for that moment.
            var timeline = page.Locator("#timeline");
            await timeline.ScrollIntoViewIfNeededAsync();
            var box = (await timeline.BoundingBoxAsync())!;
            var background = "";
            for (var tries = 0; tries < 30 && !background.Contains("storyboard-1.jpg"); tries++)
            {
                await timeline.HoverAsync(new() { Position = new() { X = box.Width * 0.05f + tries % 2, Y = box.Height / 2 } });
                background = await page.Locator("#preview-image").EvaluateAsync<string>("e => e.style.backgroundImage");
                if (!background.Contains("storyboard-1.jpg")) await page.WaitForTimeoutAsync(1000);
            }
            Assert.True(background.Contains("storyboard-1.jpg"), $"no storyboard preview: '{background}', storyboard track {await page.Locator("#video").GetAttributeAsync("data-storyboard")}, " +
                await page.EvaluateAsync<string>("() => fetch(document.querySelector('#video').dataset.storyboard).then(async r => r.status + ' ' + (await r.text()).slice(0, 300))"));
            await Assertions.Expect(page.Locator("#preview")).ToBeVisibleAsync();
            await j.ShotAsync(page, "storyboard-while-encoding", timeline);
            var sheet = background[(background.IndexOf('"') + 1)..background.LastIndexOf('"')];
            Assert.Equal(200, await page.EvaluateAsync<int>("u => fetch(u).then(r => r.status)", sheet));
        }
        // A link to a moment (▶ in a comment, ?t=) opens there, growing or not.
        await page.GotoAsync(new Uri(page.Url).AbsolutePath + "?t=2.5");
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('#video'); return v && v.readyState >= 1 && Math.abs(v.currentTime - 2.5) < 0.6; }");

        // And the whole lesson is there in the end.
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId, 300)).Status);
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step3_asks_a_mentor_for_a_review_and_the_mentor_finds_it_in_their_queue(string size, string language)
    {
        var j = new Journey(size, language);
        var lessonId = await app.ReadyLessonAsync($"Ask for a review {size} {language}");
        await using var context = await j.SignedInAsync(browser, app, "trainee@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/lessons/{lessonId}");

        var form = page.Locator("#open-review");
        await form.GetByRole(AriaRole.Group, new() { Name = j.T("Who should review this lesson?") }).GetByLabel("Mia Mentor").CheckAsync();
        await Assertions.Expect(form).ToContainTextAsync(j.T("The mentors you ticked are asked for feedback; they and the coordinators will see the review."));
        await form.GetByRole(AriaRole.Button, new() { Name = j.T("Ask for a review") }).ClickAsync();

        await Assertions.Expect(page.Locator("#mentor-names")).ToHaveTextAsync("Mia Mentor");
        await Assertions.Expect(page.Locator("#stages [aria-current='step']")).ToHaveTextAsync(j.T("observe"));
        var reviewPath = new Uri(page.Url).AbsolutePath;
        await using var mentorContext = await j.SignedInAsync(browser, app, "mentor@example.org");
        var queue = await mentorContext.NewPageAsync();
        await queue.GotoAsync("/reviews");
        await Assertions.Expect(queue.Locator($"a[href='{reviewPath}']")).ToHaveTextAsync($"Ask for a review {size} {language}");
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step4_watches_feedback_arrive_live_and_replies_to_a_question(string size, string language)
    {
        var j = new Journey(size, language);
        var reviewId = await app.MentoredReviewAsync();
        await using var context = await j.SignedInAsync(browser, app, "trainee@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/reviews/{reviewId}");
        await Journey.ReviewReadyAsync(page);
        await Assertions.Expect(page.Locator("#connection")).ToBeEmptyAsync(); // connected, nothing to report

        var question = $"Why did you switch to Japanese here? ({size} {language})";
        await ReviewHost.CommentAsync(await app.MentorAsync(), reviewId, 12, question, "question");
        var asked = page.Locator("li.comment").Filter(new() { HasText = question });
        await Assertions.Expect(asked.Locator(".badge.kind-question")).ToHaveTextAsync(j.T("Question"));
        await Assertions.Expect(asked.GetByRole(AriaRole.Button, new() { Name = j.T("Play from {0}", "0:12") })).ToBeVisibleAsync();

        await asked.GetByRole(AriaRole.Button, new() { Name = j.T("Reply") }).ClickAsync();
        await Assertions.Expect(page.Locator("#reply-to-text")).ToHaveTextAsync(j.T("Replying to {0} at {1}", "Mia Mentor", "0:12"));
        await page.Locator("#comment-text").FillAsync("The students looked lost, so I checked in Japanese.");
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Post comment") }).ClickAsync();

        await Assertions.Expect(asked.Locator(".replies li.comment")).ToContainTextAsync("checked in Japanese");
        await Assertions.Expect(page.Locator("#reply-to")).ToBeHiddenAsync();
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step5_before_the_next_lesson_plays_the_moment_an_item_refers_to_and_acknowledges_it(string size, string language)
    {
        var j = new Journey(size, language);
        var reviewId = await app.MentoredReviewAsync();
        var mentor = await app.MentorAsync();
        var moment = await ReviewHost.CommentAsync(mentor, reviewId, 21.4, $"Great gestures here ({size} {language})", "strength");
        var goal = $"Model the task before pair work ({size} {language})";
        await app.ActionItemAsync(reviewId, goal, moment.Id);
        await using var context = await j.SignedInAsync(browser, app, "trainee@example.org");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/lessons");
        await page.GetByRole(AriaRole.Link, new() { Name = j.T("Before your next lesson") }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = j.T("Before your next lesson"), Level = 1 })).ToBeVisibleAsync();
        var item = page.Locator("li.action-item").Filter(new() { HasText = goal });
        await Assertions.Expect(item).ToContainTextAsync(j.T(" · due {0}", JourneyHost.Today.AddDays(7).ToString("yyyy-MM-dd")));
        await j.ShotAsync(page, "next");
        await item.GetByRole(AriaRole.Link, new() { Name = "▶ 0:21" }).ClickAsync();
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('#video'); return v && v.readyState >= 1 && Math.abs(v.currentTime - 21.4) < 0.6; }");

        await page.GoBackAsync();
        item = page.Locator("li.action-item").Filter(new() { HasText = goal });
        await item.GetByRole(AriaRole.Button, new() { Name = j.T("Acknowledge") }).ClickAsync();
        await Assertions.Expect(item).ToContainTextAsync(j.T("✓ acknowledged"));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("li.action-item").Filter(new() { HasText = goal })).ToContainTextAsync(j.T("✓ acknowledged"));
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step6_the_next_lessons_review_starts_with_last_times_action_items_to_check(string size, string language)
    {
        var j = new Journey(size, language);
        var goal = $"Write the goal on the board ({size} {language})";
        await app.ActionItemAsync(await app.MentoredReviewAsync(), goal);
        var nextReview = await app.MentoredReviewAsync(await app.ReadyLessonAsync($"Next lesson {size} {language}"));
        await using var context = await j.SignedInAsync(browser, app, "trainee@example.org");
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/reviews/{nextReview}");

        await Journey.ReviewReadyAsync(page);

        var earlier = page.Locator("#previous-section");
        await Assertions.Expect(earlier.GetByRole(AriaRole.Heading, new() { Name = j.T("From earlier lessons: check these") })).ToBeVisibleAsync();
        await Assertions.Expect(earlier.Locator("li.action-item").Filter(new() { HasText = goal })).ToBeVisibleAsync();
    }

    /// <summary>Every text the element shows from now on, as the page writes it (a MutationObserver reporting to the test).</summary>
    internal static async Task<List<string>> WatchTextAsync(IPage page, string selector)
    {
        var seen = new List<string>();
        var name = "report" + Guid.NewGuid().ToString("N");
        await page.ExposeFunctionAsync(name, (string text) => { lock (seen) seen.Add(text); });
        await page.EvaluateAsync($@"s => {{ const el = document.querySelector(s);
            new MutationObserver(() => window.{name}(el.textContent)).observe(el, {{ childList: true, characterData: true, subtree: true }}); }}", selector);
        return seen;
    }

    /// <summary>A translated template as a pattern: each {n} stands for any value.</summary>
    internal static Regex Template(string template) =>
        new(Regex.Replace(Regex.Escape(template), @"\\\{\d+}", ".+"));

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step7_chooses_which_notifications_come_by_mail(string size, string language)
    {
        var j = new Journey(size, language);
        await using var context = await j.SignedInAsync(browser, app, "trainee@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/notifications");
        await page.GetByRole(AriaRole.Link, new() { Name = j.T("Choose which notifications are e-mailed to you") }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = j.T("E-mail notifications") })).ToBeVisibleAsync();
        var feedback = page.GetByLabel(j.T("When feedback on my lesson is ready"));
        await Assertions.Expect(page.GetByLabel(j.T("The day before my action items are due"))).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel(j.T("When I am asked to review a lesson"))).ToHaveCountAsync(0); // a mentor's kind
        await feedback.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Save e-mail choices") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(j.T("Your e-mail choices are saved."));
        await page.ReloadAsync();
        await Assertions.Expect(feedback).Not.ToBeCheckedAsync();
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
        await j.ShotAsync(page, "email-choices", page.Locator("#email"));

        // As it was, for the other steps. The page is opened afresh first, so the saved sentence can only
        // come from the page the form returns to (waiting for its response alone raced its loading).
        await page.GotoAsync("/settings");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await feedback.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Save e-mail choices") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(j.T("Your e-mail choices are saved."));
        await page.ReloadAsync();
        await Assertions.Expect(feedback).ToBeCheckedAsync();
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step8_sees_growth_across_lessons_and_which_area_each_action_item_grows(string size, string language)
    {
        var j = new Journey(size, language);
        var (english, team) = await app.FrameworkAsync();
        try
        {
            var mentorApi = await app.MentorAsync();
            var reviews = new[] { await app.MentoredReviewAsync(), await app.MentoredReviewAsync() };
            for (var i = 0; i < reviews.Length; i++)
                await mentorApi.PutAsJsonAsync($"/api/reviews/{reviews[i]}/ratings", new { ratings = new[] { new { areaId = english.Id, level = i + 1 }, new { areaId = team.Id, level = 1 } } });
            var tagged = await mentorApi.PostAsJsonAsync($"/api/reviews/{reviews[1]}/comments", new { id = Guid.NewGuid(), atSeconds = 3, kind = "suggestion", text = "Say it in English", areaId = english.Id });
            var commentId = (await tagged.Content.ReadFromJsonAsync<LessonReview.Web.Reviews.CommentDto>())!.Id;
            var item = $"Instructions in English ({size} {language})";
            await app.ActionItemAsync(reviews[1], item, commentId);
            await using var context = await j.SignedInAsync(browser, app, "trainee@example.org");
            var page = await context.NewPageAsync();
            var englishLabel = j.Language == "ja" ? "教室英語" : "Classroom English";

            await page.GotoAsync("/lessons");
            await page.GetByRole(AriaRole.Link, new() { Name = j.T("Your growth"), Exact = true }).ClickAsync();
            var area = page.Locator("section.growth").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = englishLabel }) });
            var rows = area.Locator("tbody tr").Filter(new() { Has = page.Locator($"a[href='/reviews/{reviews[0]}'], a[href='/reviews/{reviews[1]}']") });
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await Assertions.Expect(rows.Nth(1).Locator($"td[data-label='{j.T("Level")}']")).ToContainTextAsync("2 / 3");
            await Assertions.Expect(area.Locator("svg.growth-chart circle")).Not.ToHaveCountAsync(0);
            Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
            await j.ShotAsync(page, "growth");

            await page.GetByRole(AriaRole.Link, new() { Name = j.T("Before your next lesson"), Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("li.action-item").Filter(new() { HasText = item }).Locator(".badge.area")).ToHaveTextAsync(englishLabel);
        }
        finally
        {
            await app.ArchiveAsync(english, team);
        }
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step9_sees_how_much_they_talked_versus_the_class_and_comments_on_their_longest_turn(string size, string language)
    {
        var j = new Journey(size, language);
        var (lessonId, talk) = await app.TalkLessonAsync();
        await using var context = await j.SignedInAsync(browser, app, "trainee@example.org");
        var page = await context.NewPageAsync();

        // The lesson page sums up what the server measured.
        await page.GotoAsync($"/lessons/{lessonId}");
        var summary = page.Locator("#talk");
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading, new() { Name = j.T("Talk in this lesson") })).ToBeVisibleAsync();
        var numbers = summary.Locator(".talk-numbers");
        await Assertions.Expect(numbers).ToContainTextAsync(j.T("{0} of the talk · {1}", Percent(talk.TeacherShare!.Value), Clock(talk.TeacherSeconds!.Value)));
        await Assertions.Expect(numbers).ToContainTextAsync(j.T("{0} of the talk · {1}", $"{100 - Math.Round(talk.TeacherShare!.Value * 100, MidpointRounding.AwayFromZero)}%", Clock(talk.StudentSeconds!.Value)));
        await Assertions.Expect(numbers.Locator("dd").Nth(2)).ToHaveTextAsync(talk.StudentTurns!.Value.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(numbers.Locator("dd").Nth(3)).ToHaveTextAsync(Clock(talk.LongestTeacherTurnSeconds!.Value));
        await j.ShotAsync(page, "talk-summary", summary);

        // In a self-review the strip under the timeline has a band for each stretch of speech.
        var created = await (await app.TraineeAsync()).PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { mentorIds = Array.Empty<Guid>(), kind = "self" });
        var reviewId = (await created.Content.ReadFromJsonAsync<ReviewDto>())!.Id;
        await page.GotoAsync($"/reviews/{reviewId}");
        await Journey.ReviewReadyAsync(page);
        var strip = page.Locator("#talk-strip svg");
        await Assertions.Expect(strip).ToBeVisibleAsync();
        await Assertions.Expect(strip).ToHaveAttributeAsync("aria-label", Template(j.T("Who talked when: teacher {0}, students {1} of the talk. The list of turns has the same in words.")));
        await Assertions.Expect(strip.Locator("rect.talk-teacher")).ToHaveCountAsync(talk.Segments.Count(s => s.Speaker == "teacher"));
        await Assertions.Expect(strip.Locator("rect.talk-student")).ToHaveCountAsync(talk.Segments.Count(s => s.Speaker == "student"));

        // Clicking a band of the longest teacher turn plays it and makes the next comment cover it.
        var turns = Turns(talk.Segments);
        var longest = turns.Where(t => t.Speaker == "teacher").MaxBy(t => t.End - t.Start);
        var band = talk.Segments.First(s => s.Start >= longest.Start);
        var box = (await strip.BoundingBoxAsync())!;
        await strip.ClickAsync(new() { Position = new() { X = (float)((band.Start + band.End) / 2 / talk.DurationSeconds!.Value * box.Width), Y = box.Height / 2 } });
        await page.WaitForFunctionAsync($"() => Math.abs(document.querySelector('#video').currentTime - {longest.Start.ToString(CultureInfo.InvariantCulture)}) < 0.5");
        await Assertions.Expect(page.Locator("#comment-at")).ToHaveTextAsync(Clock(longest.Start));
        await Assertions.Expect(page.Locator("#comment-range")).ToHaveTextAsync("–" + Clock(longest.End));
        await page.Locator("#comment-text").FillAsync("説明が長い — I talked too long here");
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Post comment") }).ClickAsync();
        var note = page.Locator("li.comment").Filter(new() { HasText = "I talked too long here" });
        await Assertions.Expect(note.Locator("button.time")).ToHaveTextAsync($"{Clock(longest.Start)}–{Clock(longest.End)}");

        // The same turns in words, each a button that plays it.
        await page.Locator("#talk-turns-details summary").ClickAsync();
        var items = page.Locator("#talk-turns button");
        await Assertions.Expect(items).ToHaveCountAsync(turns.Count);
        var answer = turns.Last(t => t.Speaker == "student");
        var answerButton = items.Nth(turns.IndexOf(answer));
        await Assertions.Expect(answerButton).ToContainTextAsync($"{Clock(answer.Start)}–{Clock(answer.End)} {j.T("Students")}");
        await answerButton.ClickAsync();
        await page.WaitForFunctionAsync($"() => Math.abs(document.querySelector('#video').currentTime - {answer.Start.ToString(CultureInfo.InvariantCulture)}) < 0.5");
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
        // On a laptop the strip under the video; on a phone (the video stays at the top) the turns below it.
        await j.ShotAsync(page, "talk", j.Phone ? page.Locator("#talk") : page.Locator("#talk-strip"));

        // Across lessons: the growth page has the share of this one.
        await page.GotoAsync("/growth");
        var row = page.Locator("table.growth-table tr").Filter(new() { HasText = JourneyHost.TalkLessonTitle });
        await Assertions.Expect(row).ToContainTextAsync(Percent(talk.TeacherShare!.Value));
    }

    private static string Percent(double fraction) => $"{Math.Round(fraction * 100, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}%";

    private static string Clock(double seconds) => $"{(int)seconds / 60}:{(int)seconds % 60:00}";

    /// <summary>Consecutive segments of one side are one turn, as the page counts them.</summary>
    private static List<(double Start, double End, string Speaker)> Turns(IEnumerable<LessonReview.Web.Analysis.TalkSegmentDto> segments)
    {
        var turns = new List<(double Start, double End, string Speaker)>();
        foreach (var s in segments)
        {
            if (turns.Count > 0 && turns[^1].Speaker == s.Speaker) turns[^1] = turns[^1] with { End = s.End };
            else turns.Add((s.Start, s.End, s.Speaker));
        }
        return turns;
    }
}
