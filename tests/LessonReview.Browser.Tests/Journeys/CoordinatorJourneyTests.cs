using System.Net.Http.Json;
using System.Text;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LessonReview.Browser.Tests.Journeys;

/// <summary>
/// The coordinator's journey (../shared/JOURNEYS.md), one test per step that exists today, each on a
/// laptop and a phone, in English and Japanese.
/// </summary>
public sealed class CoordinatorJourneyTests(BrowserFixture browser, JourneyHost app) : IClassFixture<BrowserFixture>, IClassFixture<JourneyHost>
{
    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step1_assigns_a_trainees_standing_mentors_and_the_trainees_request_goes_to_them_in_one_press(string size, string language)
    {
        var j = new Journey(size, language);
        var name = $"Aiko New ALT {size} {language}";
        var email = await app.CreateUserAsync("trainee", name);
        var newTrainee = await app.SignInAsync(email);
        var lessonId = await Tus.UploadAsync(newTrainee, await LessonReview.TestSupport.TestClips.LandscapeH264Async(), "First lesson");
        await Tus.WaitUntilProcessedAsync(newTrainee, lessonId);
        await using var context = await j.SignedInAsync(browser, app, "coordinator@example.org");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/lessons");
        await page.GetByRole(AriaRole.Link, new() { Name = j.T("People"), Exact = true }).ClickAsync();
        var row = page.GetByRole(AriaRole.Group, new() { Name = j.T("Standing mentors of {0}", name) });
        await row.GetByLabel("Mia Mentor").CheckAsync();
        await page.Locator("tr").Filter(new() { Has = row }).GetByRole(AriaRole.Button, new() { Name = j.T("Save standing mentors") }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(j.T("Saved: the standing mentors of {0}.", name));
        await Assertions.Expect(row.GetByLabel("Mia Mentor")).ToBeCheckedAsync();
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
        await j.ShotAsync(page, "people", row);

        await using var traineeContext = await j.SignedInAsync(browser, app, email);
        var lessonPage = await traineeContext.NewPageAsync();
        await lessonPage.GotoAsync($"/lessons/{lessonId}");
        var form = lessonPage.Locator("#open-review");
        await Assertions.Expect(form.GetByLabel("Mia Mentor")).ToBeCheckedAsync();
        await Assertions.Expect(form).ToContainTextAsync(j.T(" (standing mentor)").Trim());
        await form.GetByRole(AriaRole.Button, new() { Name = j.T("Ask for a review") }).ClickAsync();
        await Assertions.Expect(lessonPage.Locator("#mentor-names")).ToHaveTextAsync("Mia Mentor");
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step1_switches_off_the_account_of_someone_who_left_and_their_open_review_stops_at_once(string size, string language)
    {
        var j = new Journey(size, language);
        var name = $"Leaving JTE {size} {language}";
        var email = await app.CreateUserAsync("mentor", name);
        var leaverId = await AppHost.IdOfAsync(await app.SignInAsync(email));
        var review = (await (await (await app.TraineeAsync()).PostAsJsonAsync($"/api/lessons/{app.LessonId}/reviews", new { mentorIds = new[] { leaverId } }))
            .Content.ReadFromJsonAsync<ReviewDto>())!.Id;
        await using var leaverContext = await j.SignedInAsync(browser, app, email);
        var leaverPage = await leaverContext.NewPageAsync();
        await leaverPage.GotoAsync($"/reviews/{review}"); // the review they were asked to do, open and live
        await Journey.ReviewReadyAsync(leaverPage);
        await using var context = await j.SignedInAsync(browser, app, "coordinator@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/people");

        var row = page.Locator("table.accounts tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) });
        await row.GetByRole(AriaRole.Button, new() { Name = j.T("Switch {0} off", name) }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(j.T("Saved: the account of {0}.", name));
        row = page.Locator("table.accounts tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) });
        await Assertions.Expect(row.Locator($"td[data-label='{j.T("State")}']")).ToContainTextAsync(j.T("Switched off"));
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = j.T("Switch {0} on", name) })).ToBeVisibleAsync();
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
        await j.ShotAsync(page, "accounts", row);
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = j.T("Standing mentors of {0}", "Tomoko Trainee") }).GetByLabel(name)).ToHaveCountAsync(0); // no longer offered
        await Assertions.Expect(row.Locator($"td[data-label='{j.T("Last signed in")}'] time")).ToHaveTextAsync(JourneyHost.Today.ToString("yyyy-MM-dd"));
        var newcomer = $"Not started yet {size} {language}";
        await app.CreateUserAsync("trainee", newcomer);
        await page.GetByRole(AriaRole.Link, new() { Name = j.T("Only those who have never signed in") }).ClickAsync();
        var accounts = page.Locator("table.accounts");
        await Assertions.Expect(accounts.GetByRole(AriaRole.Rowheader, new() { Name = newcomer })).ToBeVisibleAsync();
        await Assertions.Expect(accounts.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true })).ToHaveCountAsync(0);
        // Their open page stops at once: nothing more can be posted, and it offers to sign in again.
        await Assertions.Expect(leaverPage.GetByRole(AriaRole.Button, new() { Name = j.T("Post comment") })).ToBeDisabledAsync();
        await leaverPage.ReloadAsync();
        await Assertions.Expect(leaverPage.GetByRole(AriaRole.Heading, new() { Name = j.T("Sign in") })).ToBeVisibleAsync();
        // On their review the coordinator can take them off; no other review offers them.
        await page.GotoAsync($"/reviews/{review}");
        await Journey.ReviewReadyAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Change mentors") }).ClickAsync();
        var choices = page.GetByRole(AriaRole.Group, new() { Name = j.T("Who should review this lesson?") });
        await Assertions.Expect(choices.GetByLabel(name)).ToBeCheckedAsync();
        await page.GotoAsync($"/reviews/{await app.MentoredReviewAsync()}");
        await Journey.ReviewReadyAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Change mentors") }).ClickAsync();
        await Assertions.Expect(choices.GetByLabel("Mia Mentor")).ToBeCheckedAsync();
        await Assertions.Expect(choices.GetByLabel(name)).ToHaveCountAsync(0);
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step1_hands_a_review_to_another_mentor_from_its_page(string size, string language)
    {
        var j = new Journey(size, language);
        var reviewId = await app.MentoredReviewAsync();
        var jte = $"Kenji JTE {size} {language}";
        var jteEmail = await app.CreateUserAsync("mentor", jte);
        await using var context = await j.SignedInAsync(browser, app, "coordinator@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/reviews/{reviewId}");
        await Journey.ReviewReadyAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Change mentors") }).ClickAsync();
        var choices = page.GetByRole(AriaRole.Group, new() { Name = j.T("Who should review this lesson?") });
        await choices.GetByLabel(jte).CheckAsync();
        await choices.GetByLabel("Mia Mentor").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Save mentors") }).ClickAsync();

        await Assertions.Expect(page.Locator("#mentor-names")).ToHaveTextAsync(jte);
        var newMentor = await app.SignInAsync(jteEmail);
        Assert.Contains((await newMentor.GetFromJsonAsync<List<ReviewSummaryDto>>("/api/reviews"))!, r => r.Id == reviewId);
        Assert.DoesNotContain((await (await app.MentorAsync()).GetFromJsonAsync<List<ReviewSummaryDto>>("/api/reviews"))!, r => r.Id == reviewId);
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step2_sees_every_shared_review_with_its_stage_but_not_a_private_self_review(string size, string language)
    {
        var j = new Journey(size, language);
        var lessonId = await app.ReadyLessonAsync($"Coordinator view {size} {language}");
        var shared = await app.MentoredReviewAsync(lessonId);
        var trainee = await app.TraineeAsync();
        var own = (await (await trainee.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { kind = "self" })).Content.ReadFromJsonAsync<ReviewDto>())!.Id;
        await using var context = await j.SignedInAsync(browser, app, "coordinator@example.org");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/reviews");

        var row = page.Locator("table.queue tbody tr").Filter(new() { Has = page.Locator($"a[href='/reviews/{shared}']") });
        await Assertions.Expect(row.Locator($"td[data-label='{j.T("Trainee")}']")).ToHaveTextAsync("Tomoko Trainee");
        await Assertions.Expect(row.Locator($"td[data-label='{j.T("Stage")}']")).ToHaveTextAsync(j.T("observe"));
        await Assertions.Expect(page.Locator($"a[href='/reviews/{own}']")).ToHaveCountAsync(0);
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step3_exports_a_review_as_csv_webvtt_and_a_printable_page(string size, string language)
    {
        var j = new Journey(size, language);
        var reviewId = await app.MentoredReviewAsync();
        await ReviewHost.CommentAsync(await app.MentorAsync(), reviewId, 25, "生徒の名前を呼んでいた — used names", "strength");
        await using var context = await j.SignedInAsync(browser, app, "coordinator@example.org");
        var refusedByCsp = BrowserFixture.WatchCsp(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/reviews/{reviewId}");
        await Journey.ReviewReadyAsync(page);

        var csv = await DownloadAsync(page, j.T("Export CSV"));
        Assert.StartsWith("\"" + j.T("Type") + "\"", csv.TrimStart('\uFEFF'));
        Assert.Contains("生徒の名前を呼んでいた — used names", csv);
        Assert.Contains("0:25", csv);
        var vtt = await DownloadAsync(page, j.T("Export WebVTT"));
        Assert.StartsWith("WEBVTT", vtt);
        Assert.Contains("00:00:25.000 --> ", vtt);

        await page.GetByRole(AriaRole.Link, new() { Name = j.T("Printable page") }).ClickAsync();
        var printed = page.Locator("tr").Filter(new() { HasText = "used names" });
        await Assertions.Expect(printed.Locator("td.time")).ToHaveTextAsync("0:25");
        await Assertions.Expect(printed).ToContainTextAsync(j.T("Strength"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = j.T("Print") })).ToBeVisibleAsync();
        // Styled (its stylesheet is a file the CSP allows): ruled tables and a Japanese-capable face.
        Assert.Empty(refusedByCsp);
        Assert.Equal("collapse", await page.Locator("table").First.EvaluateAsync<string>("t => getComputedStyle(t).borderCollapse"));
        Assert.StartsWith("\"Noto Sans CJK JP\"", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily"));
        await j.ShotAsync(page, "print");
        // On paper the way back and the Print button are left out.
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = j.T("Print") })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = j.T("Back to the review") })).ToBeHiddenAsync();
    }

    private static async Task<string> DownloadAsync(IPage page, string linkName)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = linkName }).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step4_invites_a_new_ALT_who_sets_a_password_from_the_mailed_link_and_signs_in(string size, string language)
    {
        var j = new Journey(size, language);
        var name = $"Emma Invited {size} {language}";
        var email = $"emma-{size}-{language}-{Guid.NewGuid():N}@example.org";
        await using var context = await j.SignedInAsync(browser, app, "coordinator@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/people");

        await page.GetByLabel(j.T("E-mail"), new() { Exact = true }).FillAsync(email);
        await page.Locator("#invite-name").FillAsync(name);
        await page.GetByLabel(j.T("Role"), new() { Exact = true }).SelectOptionAsync("trainee");
        await page.GetByLabel(j.T("Language of the invitation")).SelectOptionAsync(language);
        await j.ShotAsync(page, "invite", page.Locator("#invite"));
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Invite"), Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(j.T("Invited {0}: a link to set a password was mailed to {1}.", name, email));
        var row = page.Locator("tr").Filter(new() { HasText = email });
        await Assertions.Expect(row.Locator(".badge.never")).ToHaveTextAsync(j.T("never"));
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");

        // The invitee: the mail (in the chosen language) and its link, in their own browser.
        var mail = await MailToAsync(email);
        Assert.Equal(j.T("{0} invited you to LessonReview", "Kenji Coordinator"), mail.Subject);
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"http://lessonreview\.test(/password\?\S+)").Groups[1].Value;
        await using var invitee = await browser.NewContextAsync(app, j.Viewport, j.Locale);
        var welcome = await invitee.NewPageAsync();
        await welcome.GotoAsync(link);
        await Assertions.Expect(welcome.GetByRole(AriaRole.Heading, new() { Name = j.T("Welcome to LessonReview") })).ToBeVisibleAsync();
        await welcome.GetByLabel(j.T("New password")).FillAsync("emma-password-1");
        await welcome.GetByLabel(j.T("The same password again")).FillAsync("emma-password-1");
        await j.ShotAsync(welcome, "set-password");
        await welcome.GetByRole(AriaRole.Button, new() { Name = j.T("Set password") }).ClickAsync();

        await Assertions.Expect(welcome.GetByRole(AriaRole.Status)).ToHaveTextAsync(j.T("Your password is set. Sign in with your e-mail address and the new password."));
        await Assertions.Expect(welcome.GetByLabel(j.T("E-mail"))).ToHaveValueAsync(email);
        await welcome.GetByLabel(j.T("Password")).FillAsync("emma-password-1");
        await welcome.GetByRole(AriaRole.Button, new() { Name = j.T("Sign in"), Exact = true }).ClickAsync();
        await Assertions.Expect(welcome.Locator("header .who")).ToContainTextAsync(name);

        // The same link again: spent, and the page says what to do.
        await welcome.GotoAsync(link);
        await Assertions.Expect(welcome.GetByRole(AriaRole.Alert)).ToHaveTextAsync(j.T("This link has expired or was already used. Ask your coordinator for a new one, or use “Forgot your password?” on the sign-in page."));
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step5_imports_a_class_from_a_spreadsheet_and_reads_the_report_line_by_line(string size, string language)
    {
        var j = new Journey(size, language);
        var tag = $"{size}-{language}-{Guid.NewGuid():N}"[..20];
        var csv = $"email,name,role,language\nken-{tag}@example.org,\"Tanaka, Ken\",trainee,ja\nbroken-address,Nobody,trainee,en\n";
        await using var context = await j.SignedInAsync(browser, app, "coordinator@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/people");

        await page.GetByLabel(j.T("CSV file")).SetInputFilesAsync(new FilePayload { Name = "class-2027.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Import"), Exact = true }).ClickAsync();

        var report = page.Locator("#import-report");
        await Assertions.Expect(report.GetByRole(AriaRole.Status)).ToHaveTextAsync(j.T("Imported: {0} invited, {1} not.", 1, 1));
        var rows = report.Locator("tbody tr");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Tanaka, Ken");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(j.T("Invited: the link is mailed."));
        await Assertions.Expect(rows.Nth(1).Locator("th")).ToHaveTextAsync(j.T("Line {0}", 3));
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(j.T("Give an e-mail address such as name@example.org."));
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
        await j.ShotAsync(page, "import", report);
        await page.GotoAsync("/people?never=true#accounts");
        await Assertions.Expect(page.Locator("table.accounts")).ToContainTextAsync($"ken-{tag}@example.org");
    }

    [Theory]
    [InlineData("laptop", "en")]
    [InlineData("laptop", "ja")]
    public async Task Step5_a_class_file_with_a_broken_line_invites_nobody_and_says_which_line_to_fix(string size, string language)
    {
        var j = new Journey(size, language);
        var tag = $"{size}-{language}-{Guid.NewGuid():N}"[..20];
        var csv = $"email,name,role,language,school\nann-{tag}@example.org,Ann,trainee,en,\n\"lee, chris\"@example.org,\"Lee, Chris\",mentor,en,\n";
        await using var context = await j.SignedInAsync(browser, app, "coordinator@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/people");

        await page.GetByLabel(j.T("CSV file")).SetInputFilesAsync(new FilePayload { Name = "class.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Import"), Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(j.T(
            "Line {0} of the file could not be read as CSV (a quote out of place?). Nobody was invited: correct that line, or save the file from your spreadsheet as CSV (UTF-8), and import it again.", 3));
        await page.GotoAsync("/people?never=true#accounts");
        await Assertions.Expect(page.Locator("table.accounts")).Not.ToContainTextAsync($"ann-{tag}@example.org");
    }

    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step6_sees_the_programme_at_a_glance_filters_one_school_and_downloads_it(string size, string language)
    {
        var j = new Journey(size, language);
        var school = $"西小学校 {size} {language}";
        var coordinatorApi = await app.CoordinatorAsync();
        var name = $"Waiting Trainee {size} {language}";
        var email = await app.CreateUserAsync("trainee", name);
        var trainee = await app.SignInAsync(email);
        await coordinatorApi.PatchAsJsonAsync($"/api/users/{await AppHost.IdOfAsync(trainee)}", new { school });
        var lessonId = await Tus.UploadAsync(trainee, await LessonReview.TestSupport.TestClips.LandscapeH264Async(), "6年 Unit 2 · food");
        await Tus.WaitUntilProcessedAsync(trainee, lessonId);
        var opened = await trainee.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { mentorIds = new[] { app.MentorId } });
        var reviewId = (await opened.Content.ReadFromJsonAsync<ReviewDto>())!.Id;
        // A trainee of the school who signs in but has never asked for a review.
        var quietName = $"Quiet Trainee {size} {language}";
        var quiet = await app.SignInAsync(await app.CreateUserAsync("trainee", quietName));
        await coordinatorApi.PatchAsJsonAsync($"/api/users/{await AppHost.IdOfAsync(quiet)}", new { school });
        await using var context = await j.SignedInAsync(browser, app, "coordinator@example.org");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/lessons");
        await page.GetByRole(AriaRole.Link, new() { Name = j.T("Programme"), Exact = true }).ClickAsync();
        await page.GetByLabel(j.T("School")).SelectOptionAsync(school);
        await page.GetByRole(AriaRole.Button, new() { Name = j.T("Show"), Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = j.T("Programme"), Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".stage-legend li").First).ToHaveTextAsync($"{j.T("observe")}: 1");
        var waiting = page.Locator("section[aria-labelledby='waiting-heading'] tbody tr");
        await Assertions.Expect(waiting).ToHaveCountAsync(1);
        await Assertions.Expect(waiting.Locator($"a[href='/reviews/{reviewId}']")).ToHaveTextAsync("6年 Unit 2 · food");
        await Assertions.Expect(waiting).ToContainTextAsync(name);
        await Assertions.Expect(waiting).ToContainTextAsync("Mia Mentor");
        // Said as what it is: no review yet (the Japanese once read "not signed in").
        await Assertions.Expect(page.Locator("ul.quiet li", new() { HasText = quietName }).Locator(".badge")).ToHaveTextAsync(j.T("no review asked for yet"));
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
        await j.ShotAsync(page, "programme");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = j.T("Download the trainees as CSV") }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains($"\"{name}\",\"{email}\",\"{school}\",\"1\"", csv);
    }


    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step7_defines_an_area_of_the_growth_framework_in_both_languages_and_archives_it(string size, string language)
    {
        var j = new Journey(size, language);
        var name = $"Pacing {size} {language}";
        await using var context = await j.SignedInAsync(browser, app, "coordinator@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/lessons");
        await page.GetByRole(AriaRole.Link, new() { Name = j.T("Framework"), Exact = true }).ClickAsync();

        var add = page.Locator("#add-area");
        await add.GetByLabel(j.T("Name in English")).FillAsync(name);
        await add.GetByLabel("日本語の名前").FillAsync($"授業のテンポ {size} {language}");
        await add.GetByLabel(j.T("Level {0} in English", 1)).FillAsync("Activities run long; the plan is not finished");
        await add.GetByLabel(j.T("Level {0} in Japanese", 1)).FillAsync("活動が長引き、計画が終わらない");
        await add.GetByLabel(j.T("Level {0} in English", 2)).FillAsync("Each activity has a time and keeps to it");
        await add.GetByRole(AriaRole.Button, new() { Name = j.T("Add the area") }).ClickAsync();

        var label = j.Language == "ja" ? $"授業のテンポ {size} {language}" : name;
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(j.T("Saved: {0}.", label));
        var section = page.Locator("section.area").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = label }) });
        await Assertions.Expect(section.GetByLabel(j.T("Level {0} in Japanese", 1))).ToHaveValueAsync("活動が長引き、計画が終わらない");
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
        await j.ShotAsync(page, "framework", section);

        // One level only is refused in words, and what was typed stays.
        await add.GetByLabel(j.T("Name in English")).FillAsync("Too short");
        await add.GetByLabel(j.T("Level {0} in English", 1)).FillAsync("Only one level");
        await add.GetByRole(AriaRole.Button, new() { Name = j.T("Add the area") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(j.T("An area has from {0} to {1} levels; this one has {2}.", 2, 6, 1));
        await Assertions.Expect(page.Locator("#add-area").GetByLabel(j.T("Name in English"))).ToHaveValueAsync("Too short");

        // Archiving takes a second step that says what happens, and can be undone.
        await Assertions.Expect(section.GetByRole(AriaRole.Button, new() { Name = j.T("Archive {0}", label) })).ToBeHiddenAsync();
        await section.Locator("details.confirm summary").ClickAsync();
        await Assertions.Expect(section.Locator("details.confirm p")).ToContainTextAsync(j.T("Mentors will no longer tag or rate {0}, and reviews will not wait for it. Ratings and tags already given stay in the trainees' history, and you can restore the area below.", label));
        await section.GetByRole(AriaRole.Button, new() { Name = j.T("Archive {0}", label) }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(j.T("Archived: {0}. Its ratings stay in the trainees' history; restore it under Archived areas.", label));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = label })).ToHaveCountAsync(0);
        await page.Locator("#archived-areas").GetByRole(AriaRole.Button, new() { Name = j.T("Restore {0}", label) }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(j.T("Restored: {0}. Mentors can tag and rate it again.", label));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = label })).ToHaveCountAsync(1);
        // Leave the framework as the other steps expect it.
        await section.Locator("details.confirm summary").ClickAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = j.T("Archive {0}", label) }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = label })).ToHaveCountAsync(0);
    }
    [Theory]
    [MemberData(nameof(Journey.All), MemberType = typeof(Journey))]
    public async Task Step8_reads_who_watched_a_lesson_and_that_consent_was_confirmed(string size, string language)
    {
        var j = new Journey(size, language);
        var reviewId = await app.MentoredReviewAsync();
        await (await app.MentorAsync()).GetStringAsync($"/reviews/{reviewId}"); // Mia watches
        await using var context = await j.SignedInAsync(browser, app, "coordinator@example.org");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/lessons/{app.LessonId}");

        var privacy = page.Locator("details.privacy");
        await privacy.Locator("summary").ClickAsync();
        await Assertions.Expect(privacy).ToContainTextAsync(j.T("The trainee confirmed the school's consent rule on {0}.", JourneyHost.Today.ToString("yyyy-MM-dd")));
        await Assertions.Expect(privacy.Locator("ul.views li").Filter(new() { HasText = "Mia Mentor" })).ToContainTextAsync(j.T("Mentor"));
        // When the original goes: 30 days (Privacy:OriginalRetentionDays) after the lesson became playable, on the viewer's calendar.
        var readyAt = await app.DbAsync(db => db.Lessons.Where(l => l.Id == app.LessonId).Select(l => l.ReadyAt).SingleAsync());
        var deletion = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(readyAt!.Value.AddDays(30), "Asia/Tokyo"));
        await Assertions.Expect(privacy).ToContainTextAsync(j.T("The original file will be deleted on {0}, {1} days after the lesson became playable; the playable video stays.", deletion.ToString("yyyy-MM-dd"), 30));
        await Assertions.Expect(page.Locator("video#video")).ToHaveAttributeAsync("controlslist", "nodownload");
        Assert.False(await BrowserFixture.ScrollsSidewaysAsync(page), "nothing scrolls sideways");
        await j.ShotAsync(page, "privacy", privacy);
    }

    private async Task<MimeKit.MimeMessage> MailToAsync(string email)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var raw in app.Smtp.Received())
            {
                using var stream = new MemoryStream(raw);
                var mail = MimeKit.MimeMessage.Load(stream);
                if (mail.To.Mailboxes.Any(a => a.Address == email)) return mail;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No mail reached {email}.");
    }
}
