using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests.Security;

/// <summary>Response headers, proxies, the sign-in limits on every path, and the hub's origin check.</summary>
public sealed class WebSecurityTests(WebSecurityTests.Host host) : IClassFixture<WebSecurityTests.Host>
{
    public sealed class Host() : AppHost(new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });

    [Fact]
    public async Task Pages_carry_a_script_policy_without_inline_script_and_the_other_safety_headers()
    {
        var response = await host.AnonymousClient().GetAsync("/signin");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Behind_a_TLS_proxy_the_session_cookie_is_Secure()
    {
        var email = await host.CreateUserAsync("mentor");
        var client = host.AnonymousClient();
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { email, password = AppHost.Password }) };
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        signIn.Headers.Add("X-Forwarded-For", "203.0.113.50");

        var response = await client.SendAsync(signIn);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lessonreview=") && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client_address_as_the_proxy_reports_it()
    {
        async Task<HttpStatusCode> AttemptFrom(string address)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { email = "nobody@example.org", password = "wrong-password" }) };
            request.Headers.Add("X-Forwarded-For", address);
            return (await host.AnonymousClient().SendAsync(request)).StatusCode;
        }

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, await AttemptFrom("198.51.100.7"));

        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptFrom("198.51.100.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await AttemptFrom("198.51.100.8")); // another school's network is not locked out
    }

    [Fact]
    public async Task The_sign_in_form_has_the_same_limit_with_a_readable_page()
    {
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "nobody@example.org", ["password"] = "wrong-password" }),
            };
            request.Headers.Add("X-Forwarded-For", "192.0.2.44");
            request.Headers.Accept.ParseAdd("text/html");
            last = await host.AnonymousClient().SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Contains("Too many sign-in attempts from your network", await last.Content.ReadAsStringAsync());
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await host.AnonymousClient().GetAsync("/signin")).StatusCode); // showing the form is not limited
    }

    [Fact]
    public async Task The_hub_refuses_a_page_of_another_site_and_admits_its_own()
    {
        var trainee = await host.TraineeAsync();
        var cookie = host.CookieHeader(trainee);
        var hub = new UriBuilder(host.BaseAddress) { Scheme = "ws", Path = "/hubs/review" }.Uri;

        using var foreign = new ClientWebSocket();
        foreign.Options.SetRequestHeader("Cookie", cookie);
        foreign.Options.SetRequestHeader("Origin", "http://evil.example");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(hub, CancellationToken.None));
        Assert.Contains("403", refused.Message);

        var negotiate = new HttpRequestMessage(HttpMethod.Post, "/hubs/review/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Origin", "http://evil.example");
        var problem = await trainee.SendAsync(negotiate);
        Assert.Equal(HttpStatusCode.Forbidden, problem.StatusCode);
        Assert.Contains("only for pages of this site", (await problem.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        using var own = new ClientWebSocket();
        own.Options.SetRequestHeader("Cookie", cookie);
        own.Options.SetRequestHeader("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        await own.ConnectAsync(hub, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
    }

    [Fact]
    public async Task Outside_development_HTTPS_responses_ask_browsers_to_stay_on_HTTPS()
    {
        using var production = AppHost.With(new() { ["environment"] = "Production" });
        // HSTS leaves localhost out, so the requests name a real host, as through the proxy.
        var overTls = new HttpRequestMessage(HttpMethod.Get, "/signin") { Headers = { Host = "lessons.example.org" } };
        overTls.Headers.Add("X-Forwarded-Proto", "https");
        var overHttp = new HttpRequestMessage(HttpMethod.Get, "/signin") { Headers = { Host = "lessons.example.org" } };

        var secure = await production.AnonymousClient().SendAsync(overTls);
        var plain = await production.AnonymousClient().SendAsync(overHttp);

        Assert.Contains("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }
}

/// <summary>Outside Development every 4xx still says what to do.</summary>
public sealed class ProductionProblemTests
{
    [Fact]
    public async Task Unreadable_bodies_and_other_refusals_carry_a_detail_in_production()
    {
        using var host = AppHost.With(new() { ["environment"] = "Production" });
        var email = await host.CreateUserAsync("trainee");
        var client = await host.SignInAsync(email);

        var broken = await client.PostAsync("/api/session", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        var wrongType = await client.PostAsync("/api/session", new StringContent("email=a", System.Text.Encoding.UTF8, "text/plain"));
        var missing = await client.GetAsync("/api/lessons/00000000-0000-0000-0000-000000000001");

        foreach (var response in new[] { broken, wrongType, missing })
        {
            Assert.InRange((int)response.StatusCode, 400, 499);
            var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
            Assert.False(string.IsNullOrWhiteSpace(problem!.Detail), $"{(int)response.StatusCode} without a detail");
        }
    }
}
