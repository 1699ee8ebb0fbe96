using System.Globalization;
using System.Xml.Linq;
using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;
using Microsoft.Playwright;

namespace LessonReview.Browser.Tests.Journeys;

/// <summary>
/// One way of trying a journey step: a laptop (1366×768) or a phone (390×844), in English or in
/// Japanese (the browser's Accept-Language and navigator.language). <see cref="T"/> gives the words
/// the person should see, from the same resource files the app uses, so every assertion also checks
/// that the page is in the reader's language.
/// </summary>
public sealed record Journey(string Size, string Language)
{
    /// <summary>Every step runs four times: laptop and phone, English and Japanese (strings, so each shows as its own test).</summary>
    public static TheoryData<string, string> All => new()
    {
        { "laptop", "en" }, { "phone", "en" }, { "laptop", "ja" }, { "phone", "ja" },
    };

    public bool Phone => Size == "phone";
    public ViewportSize? Viewport => Phone ? BrowserFixture.Phone : null;
    public string Locale => Language == "ja" ? "ja-JP" : "en-US";

    /// <summary>The text a reader of this language sees for <paramref name="english"/> (a resource key), with its values.</summary>
    public string T(string english, params object[] values)
    {
        var text = Language == "ja" ? Japanese.Value.GetValueOrDefault(english) ?? throw new KeyNotFoundException($"No Japanese for \"{english}\"") : english;
        return values.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, values);
    }

    public Task<IBrowserContext> SignedInAsync(BrowserFixture browser, AppHost app, string email) =>
        browser.SignedInContextAsync(app, email, Viewport, Locale);

    /// <summary>The review page has loaded its review and connected its script (what a person waits for before typing).</summary>
    public static Task ReviewReadyAsync(IPage page) =>
        Assertions.Expect(page.Locator("#stages li[aria-current='step']")).ToBeVisibleAsync();

    /// <summary>
    /// Keeps a picture of what the person sees when LESSONREVIEW_SCREENSHOTS names a folder
    /// (scripts/screenshots.sh: the README's pictures), as NAME-LANGUAGE-SIZE.png.
    /// </summary>
    /// <param name="show">What the picture is about (scrolled into view); the top of the page when null.</param>
    public async Task ShotAsync(IPage page, string name, ILocator? show = null)
    {
        if (Environment.GetEnvironmentVariable("LESSONREVIEW_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        if (show is null) await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        else await show.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{Language}-{Size}.png") });
    }

    private static readonly Lazy<Dictionary<string, string>> Japanese = new(() =>
    {
        var table = new Dictionary<string, string>();
        foreach (var file in new[] { "SharedText.ja.resx", "ScriptText.ja.resx" })
        foreach (var data in XDocument.Load(Path.Combine(Repository.Root, "src", "LessonReview.Web", "Localization", file)).Root!.Elements("data"))
            table[(string)data.Attribute("name")!] = (string)data.Element("value")!;
        return table;
    });
}
