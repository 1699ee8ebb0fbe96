using System.Text.Json;
using LessonReview.TestSupport;
using Microsoft.Playwright;

namespace LessonReview.Browser.Tests;

/// <summary>
/// axe-core (npm, tests/tools) on every page, as each role sees it, on a laptop and on a phone, in
/// English and in Japanese, with WCAG 2.5.3's label-in-name rule (experimental in axe) switched on: no
/// serious or critical violation, and nothing marked hidden shows (a stylesheet rule once made
/// hidden buttons visible). The script is evaluated through DevTools, so the pages' CSP
/// stays as it is in production.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser, WorkspaceDetailsTests.Host app)
    : IClassFixture<BrowserFixture>, IClassFixture<WorkspaceDetailsTests.Host>
{
    private static readonly Lazy<string> Axe = new(() =>
        File.ReadAllText(Path.Combine(Repository.Root, "tests", "tools", "node_modules", "axe-core", "axe.min.js")));

    public static TheoryData<string, bool, string> Cases()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var locale in new[] { "en-US", "ja-JP" })
        foreach (var phone in new[] { false, true })
        foreach (var who in new[] { "anonymous", "trainee", "mentor", "coordinator" })
            data.Add(who, phone, locale);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_page_has_no_serious_or_critical_violation(string who, bool phone, string locale)
    {
        var viewport = phone ? BrowserFixture.Phone : null;
        await using var context = who == "anonymous"
            ? await browser.NewContextAsync(app, viewport, locale)
            : await browser.SignedInContextAsync(app, $"{who}@example.org", viewport, locale);
        var pages = who switch
        {
            "anonymous" => new[] { "/signin", "/status/404", "/password/forgot", "/password?kind=reset&user=00000000-0000-0000-0000-000000000000&token=spent" },
            "trainee" => ["/lessons", "/lessons/upload", $"/lessons/{app.LessonId}", "/reviews", $"/reviews/{app.ReviewId}", "/next", $"/reviews/{app.ReviewId}/print", $"/reviews/{app.SelfReviewId}", "/no-such-page", "/settings", "/notifications",
                $"/lessons/{app.TalkLessonId}", $"/reviews/{app.TalkReviewId}", "/growth"],
            "coordinator" => ["/lessons", $"/lessons/{app.LessonId}", "/reviews", $"/reviews/{app.ReviewId}", $"/reviews/{app.ReviewId}/print", "/settings", "/people", "/notifications"],
            _ => ["/lessons", $"/lessons/{app.LessonId}", "/reviews", $"/reviews/{app.ReviewId}", $"/reviews/{app.ReviewId}/print", "/settings", "/notifications",
                $"/reviews/{app.TalkReviewId}"],
        };
        var page = await context.NewPageAsync();
        var found = new List<string>();
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.EvaluateAsync(Axe.Value);
            var violations = await page.EvaluateAsync<JsonElement>(@"async () => (await axe.run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true } } })).violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)");
            found.AddRange(violations.EnumerateArray().Select(v => $"{path} ({who}, {locale}{(phone ? ", phone" : "")}): {v.GetString()}"));
            var shownThoughHidden = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('[hidden]')]
                .filter((e) => e.checkVisibility()).map((e) => e.id ? `#${e.id}` : `${e.tagName.toLowerCase()} '${e.textContent.trim().slice(0, 40)}'`)");
            found.AddRange(shownThoughHidden.Select(e => $"{path} ({who}, {locale}{(phone ? ", phone" : "")}): {e} is hidden yet shows"));
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
