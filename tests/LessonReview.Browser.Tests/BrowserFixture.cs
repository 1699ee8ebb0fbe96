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

    /// <summary>A phone's screen (CSS pixels), as the journeys are also tried.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>
    /// A context (1366×768 unless <paramref name="viewport"/> says otherwise) already signed in
    /// (through the API) as <paramref name="email"/>, in a browser set to <paramref name="locale"/>
    /// (its Accept-Language and navigator.language; English unless said).
    /// </summary>
    public async Task<IBrowserContext> SignedInContextAsync(LessonReview.Web.Tests.Support.AppHost app, string email, ViewportSize? viewport = null,
        string locale = "en-US")
    {
        var context = await NewContextAsync(app, viewport, locale);
        var response = await context.APIRequest.PostAsync("/api/session",
            new() { DataObject = new { email, password = LessonReview.Web.Tests.Support.AppHost.Password } });
        Assert.Equal(204, response.Status);
        return context;
    }

    /// <summary>A signed-out context, as <see cref="SignedInContextAsync"/> makes them.</summary>
    public Task<IBrowserContext> NewContextAsync(LessonReview.Web.Tests.Support.AppHost app, ViewportSize? viewport = null, string locale = "en-US") =>
        Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = viewport ?? new() { Width = 1366, Height = 768 },
            IsMobile = viewport is not null, HasTouch = viewport is not null, Locale = locale,
        });

    /// <summary>Whether the page is wider than its window (a phone user would have to scroll sideways).</summary>
    public static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");

    /// <summary>
    /// Collects what Chromium refuses under the Content-Security-Policy in every page of
    /// <paramref name="context"/> (it reports each refusal as a console error).
    /// </summary>
    /// <summary>
    /// Plays the page's #video muted once the player has loaded it (hls.js attaches after its module
    /// loads; play() before that would be aborted by the load).
    /// </summary>
    public static Task PlayAsync(IPage page) => page.Locator("video#video").EvaluateAsync(
        "v => new Promise((resolve, reject) => { const go = () => { v.muted = true; v.play().then(resolve, reject); }; " +
        "v.readyState >= 1 ? go() : v.addEventListener('loadedmetadata', go, { once: true }); })");

    /// <summary>Seeks #video to <paramref name="seconds"/> and returns where it landed.</summary>
    public static Task<double> SeekAsync(IPage page, double seconds) => page.Locator("video#video").EvaluateAsync<double>(
        "(v, t) => new Promise(resolve => { v.addEventListener('seeked', () => resolve(v.currentTime), { once: true }); v.currentTime = t; })", seconds);

    public static List<string> WatchCsp(IBrowserContext context)
    {
        var refused = new List<string>();
        void Watch(IPage page) => page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) lock (refused) refused.Add(message.Text);
        };
        foreach (var page in context.Pages) Watch(page);
        context.Page += (_, page) => Watch(page);
        return refused;
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
