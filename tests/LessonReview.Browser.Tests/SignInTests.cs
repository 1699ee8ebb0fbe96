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
}
