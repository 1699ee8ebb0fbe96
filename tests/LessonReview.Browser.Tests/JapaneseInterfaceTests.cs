using LessonReview.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LessonReview.Browser.Tests;

/// <summary>
/// The interface in Japanese, as a JTE or coordinator who reads Japanese first meets it: the
/// browser's language is followed, a choice in the header or on the settings page is saved on the
/// account and follows the person to another browser, and the server's refusals read in Japanese.
/// Set LESSONREVIEW_SCREENSHOTS to a folder to keep a screenshot of each page.
/// </summary>
public sealed class JapaneseInterfaceTests(BrowserFixture browser, WorkspaceDetailsTests.Host app)
    : IClassFixture<BrowserFixture>, IClassFixture<WorkspaceDetailsTests.Host>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_trainee_with_a_japanese_browser_reads_each_step_in_japanese(bool phone)
    {
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org", phone ? BrowserFixture.Phone : null, "ja-JP");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/lessons");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("自分の授業");
        await Expect(page.Locator(".lesson-card .status").First).ToHaveTextAsync("視聴できます");
        await ShotAsync(page, "lessons", phone);

        await page.GotoAsync($"/lessons/{app.LessonId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "レビュー", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#reviews-of-lesson li a").First).ToContainTextAsync("レビュー · 観察 · コメント");

        await page.GotoAsync($"/reviews/{app.ReviewId}");
        await Expect(page.Locator("#stages li")).ToHaveTextAsync(["観察", "指導", "フォローアップ", "完了"]);
        await Expect(page.Locator("#comment-kind option:checked")).ToHaveTextAsync("メモ");
        await page.GetByRole(AriaRole.Button, new() { Name = "コメントを投稿" }).ClickAsync();
        await Expect(page.Locator("#comment-error")).ToHaveTextAsync("先にコメントを入力してください。");
        var thanks = $"ありがとうございます。次の授業で試します。（{(phone ? "スマートフォン" : "パソコン")}）";
        await page.GetByLabel("コメント", new() { Exact = true }).FillAsync(thanks);
        await page.GetByRole(AriaRole.Button, new() { Name = "コメントを投稿" }).ClickAsync();
        var mine = page.Locator("li.comment", new() { HasText = thanks });
        await Expect(mine.Locator(".badge")).ToHaveTextAsync("メモ");
        await Expect(mine.GetByRole(AriaRole.Button, new() { Name = "編集" })).ToBeVisibleAsync();
        await ShotAsync(page, "review", phone);

        await page.GotoAsync("/next");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("次の授業の前に");
        await ShotAsync(page, "next", phone);
    }

    [Fact]
    public async Task A_mentor_whose_due_date_is_refused_reads_the_reason_in_japanese()
    {
        await using var context = await browser.SignedInContextAsync(app, "mentor@example.org", locale: "ja-JP");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/reviews/{app.ReviewId}");

        await page.GetByLabel("新しいアクションアイテム").FillAsync("ペアワークの前に手本を見せる");
        // The date picker offers no past day; a typed or stale date reaches the server, which says why it refuses.
        await page.Locator("#action-due").EvaluateAsync("e => { e.min = ''; e.value = '2020-01-01'; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "アクションアイテムを追加" }).ClickAsync();

        await Expect(page.Locator("#action-error")).ToHaveTextAsync(
            "期限 2020-01-01 はすでに過ぎています。今日以降の日を選んでください（空欄にすると次の授業の日になります）。");
        await Expect(page.Locator("#action-text")).ToHaveValueAsync("ペアワークの前に手本を見せる"); // nothing typed is lost
    }

    [Fact]
    public async Task The_language_chosen_in_the_header_follows_the_person_to_another_browser()
    {
        await using (var laptop = await browser.SignedInContextAsync(app, "coordinator@example.org"))
        {
            var page = await laptop.NewPageAsync();
            await page.GotoAsync("/reviews");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reviews");

            await page.GetByRole(AriaRole.Button, new() { Name = "日本語" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reviews$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("レビュー");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        }

        // Another browser, set to English, signing in with the form.
        await using var other = await browser.NewContextAsync(app);
        var signIn = await other.NewPageAsync();
        await signIn.GotoAsync("/signin");
        await signIn.GetByLabel("E-mail").FillAsync("coordinator@example.org");
        await signIn.GetByLabel("Password").FillAsync(AppHost.Password);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(signIn.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("すべての授業");
        await signIn.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync(); // as it was, for the other tests
        await Expect(signIn.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("All lessons");
    }

    [Fact]
    public async Task Settings_save_a_language_and_a_time_zone_and_can_go_back_to_following_the_browser()
    {
        await using var context = await browser.SignedInContextAsync(app, "trainee@example.org", locale: "ja-JP");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/settings");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-time-zone", "Asia/Tokyo");

        await page.GetByLabel("言語", new() { Exact = true }).SelectOptionAsync("en");
        await page.GetByLabel("タイムゾーン").SelectOptionAsync("America/New_York");
        await page.GetByRole(AriaRole.Button, new() { Name = "設定を保存" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your settings are saved.");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-time-zone", "America/New_York");
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("America/New_York");

        await page.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "The language of my browser" });
        await page.GetByLabel("Time zone").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("設定を保存しました。");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-time-zone", "Asia/Tokyo");
    }

    [Fact]
    public async Task The_sign_in_page_follows_the_browser_and_explains_a_wrong_password_in_japanese()
    {
        await using var context = await browser.NewContextAsync(app, locale: "ja-JP");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");

        await page.GetByLabel("メールアドレス").FillAsync("trainee@example.org");
        await page.GetByLabel("パスワード").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("メールアドレスとパスワードが一致するアカウントがありません。");
        await ShotAsync(page, "signin", phone: false);
    }

    private static async Task ShotAsync(IPage page, string name, bool phone)
    {
        if (Environment.GetEnvironmentVariable("LESSONREVIEW_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-ja-{(phone ? "phone" : "laptop")}.png"), FullPage = true });
    }
}
