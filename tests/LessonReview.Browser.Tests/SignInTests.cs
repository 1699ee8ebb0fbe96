using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.Playwright;

namespace LessonReview.Browser.Tests;

/// <summary>Signing in and out on the pages, as a person does it: the form, the messages, the menu button.</summary>
public sealed class SignInTests(BrowserFixture browser, AppHost app) : IClassFixture<BrowserFixture>, IClassFixture<AppHost>
{
    [Fact]
    public async Task Sign_in_with_the_keyboard_then_sign_out_and_the_pages_ask_again()
    {
        var email = await app.CreateUserAsync("mentor", "山田 花子");
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/reviews");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AppHost.Password);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your review queue" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("山田 花子")).ToBeVisibleAsync();
        var cookies = await context.CookiesAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        // The old cookie, put back as if copied before signing out, opens nothing.
        await context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        await page.GotoAsync("/reviews");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("mentor", "Your review queue")]
    [InlineData("trainee", "My lessons")]
    public async Task Each_role_lands_on_its_own_start_page_after_signing_in(string role, string heading)
    {
        var email = await app.CreateUserAsync(role);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AppHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Too_many_wrong_passwords_show_when_to_try_again()
    {
        var email = await app.CreateUserAsync("trainee");
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");

        for (var i = 0; i < 5; i++)
        {
            await page.GetByLabel("E-mail").FillAsync(email);
            await page.GetByLabel("Password").FillAsync("not-my-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("sign-in is paused for 15 minutes");
        await Assertions.Expect(page.GetByLabel("E-mail")).ToHaveValueAsync(email); // nothing to type again
    }

    [Fact]
    public async Task An_open_review_page_says_so_when_its_account_is_switched_off_and_offers_to_sign_in()
    {
        var traineeApi = await app.TraineeAsync();
        var lessonId = await Tus.UploadAsync(traineeApi, await TestClips.LandscapeH264Async(), "Switched off mid-review");
        await Tus.WaitUntilProcessedAsync(traineeApi, lessonId);
        var reviewId = (await (await app.OpenMentoredReviewAsync(traineeApi, lessonId)).Content.ReadFromJsonAsync<ReviewDto>())!.Id;
        var email = await app.CreateUserAsync("coordinator", "Leaving Coordinator");
        await using var context = await browser.SignedInContextAsync(app, email);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/reviews/{reviewId}");
        await Assertions.Expect(page.Locator("#presence")).ToContainTextAsync("Leaving Coordinator"); // live and joined

        await app.AccountsAsync(async accounts => await accounts.DisableAsync(await accounts.GetAsync(email)));

        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "signed out" });
        await Assertions.Expect(alert).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#connection")).ToContainTextAsync("signed out"); // not "reconnecting…"
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Post comment" })).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "lessonreview-screens", "session-ended.png") });
        await alert.GetByRole(AriaRole.Link, new() { Name = "Sign in again" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
