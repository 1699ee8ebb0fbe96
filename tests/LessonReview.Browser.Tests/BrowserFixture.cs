using Microsoft.Playwright;

namespace LessonReview.Browser.Tests;

/// <summary>Debian's Chromium driven by Playwright (never `playwright install`: no downloads here).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // Root on these machines needs --no-sandbox; the rest stop Chromium calling home on a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"],
        });
    }

    /// <summary>A 1366×768 context already signed in (through the API) as <paramref name="email"/>.</summary>
    public async Task<IBrowserContext> SignedInContextAsync(LessonReview.Web.Tests.Support.AppHost app, string email)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 1366, Height = 768 } });
        var response = await context.APIRequest.PostAsync("/api/session",
            new() { DataObject = new { email, password = LessonReview.Web.Tests.Support.AppHost.Password } });
        Assert.Equal(204, response.Status);
        return context;
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
