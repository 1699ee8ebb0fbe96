using System.Net;
using System.Net.Http.Json;
using LessonReview.Web.Accounts;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests.Accounts;

/// <summary>
/// ASP.NET Core Identity behaviour a person notices: lockout after wrong passwords, sessions that
/// end on the server, and account changes that reach sessions already open.
/// </summary>
public sealed class SessionSecurityTests(SessionSecurityTests.Host host) : IClassFixture<SessionSecurityTests.Host>
{
    /// <summary>Sessions re-checked every second, so a test waits seconds for what production does within a minute.</summary>
    public sealed class Host() : AppHost(new Dictionary<string, string?>
    {
        ["Accounts:SessionCheckSeconds"] = "1",
        ["Accounts:MaxFailedSignIns"] = "3",
    });

    [Fact]
    public async Task Repeated_wrong_passwords_pause_sign_in_even_with_the_right_one()
    {
        var email = await host.CreateUserAsync("trainee");
        var client = host.AnonymousClient();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/session", new { email, password = "wrong-password" })).StatusCode);

        var third = await client.PostAsJsonAsync("/api/session", new { email, password = "wrong-password" });
        var right = await client.PostAsJsonAsync("/api/session", new { email, password = AppHost.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        var problem = await right.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("paused for 15 minutes", problem!.Detail);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);

        await host.AccountsAsync(async accounts => await accounts.EnableAsync(await accounts.GetAsync(email)));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/session", new { email, password = AppHost.Password })).StatusCode);
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_works()
    {
        var client = await host.SignInAsync(await host.CreateUserAsync("mentor"));
        var copied = host.ClientWithCookie(host.CookieHeader(client));
        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/session")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copied.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_in_one_browser_leaves_the_other_signed_in()
    {
        var email = await host.CreateUserAsync("mentor");
        var laptop = await host.SignInAsync(email);
        var phone = await host.SignInAsync(email);

        await laptop.DeleteAsync("/api/session");

        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_is_signed_out_everywhere_at_once_and_told_why_only_with_its_password()
    {
        var email = await host.CreateUserAsync("mentor");
        var open = await host.SignInAsync(email);

        await host.AccountsAsync(async accounts => await accounts.DisableAsync(await accounts.GetAsync(email)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await open.GetAsync("/api/me")).StatusCode);
        var withPassword = await host.AnonymousClient().PostAsJsonAsync("/api/session", new { email, password = AppHost.Password });
        Assert.Equal(HttpStatusCode.Forbidden, withPassword.StatusCode);
        Assert.Contains("switched off", (await withPassword.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var guessing = await host.AnonymousClient().PostAsJsonAsync("/api/session", new { email, password = "a-wrong-guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, guessing.StatusCode);
        Assert.Equal(SignInService.WrongPassword, (await guessing.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        await host.AccountsAsync(async accounts => await accounts.EnableAsync(await accounts.GetAsync(email)));
        Assert.Equal(HttpStatusCode.NoContent, (await host.AnonymousClient().PostAsJsonAsync("/api/session", new { email, password = AppHost.Password })).StatusCode);
    }

    [Fact]
    public async Task A_reset_password_ends_open_sessions_and_only_the_new_one_signs_in()
    {
        var email = await host.CreateUserAsync("trainee");
        var open = await host.SignInAsync(email);

        await host.AccountsAsync(async accounts => await accounts.ResetPasswordAsync(await accounts.GetAsync(email), "a-brand-new-one"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await open.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.AnonymousClient().PostAsJsonAsync("/api/session", new { email, password = AppHost.Password })).StatusCode);
        await host.SignInAsync(email, "a-brand-new-one");
    }

    [Fact]
    public async Task A_changed_role_reaches_an_open_session_at_its_next_check()
    {
        var email = await host.CreateUserAsync("mentor");
        var open = await host.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await open.GetAsync("/api/users")).StatusCode);

        await host.AccountsAsync(async accounts => await accounts.SetRoleAsync(await accounts.GetAsync(email), "coordinator"));

        // Accounts:SessionCheckSeconds is 1 here; give the check a generous margin on a busy machine.
        var role = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(20); role != "coordinator" && DateTime.UtcNow < deadline; await Task.Delay(250))
            role = (await open.GetFromJsonAsync<SessionApi.UserDto>("/api/me"))!.Role;
        Assert.Equal("coordinator", role);
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/api/users")).StatusCode);
    }
}

/// <summary>The cookie key ring: in the database, encrypted there with a certificate, and private to each deployment.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task With_a_certificate_the_keys_in_the_database_are_encrypted()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=LessonReview data protection", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = Convert.ToBase64String(certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx));
        using var host = AppHost.With(new() { ["DataProtection:Certificate"] = pfx });

        await host.TraineeAsync(); // the first cookie makes the first key

        await using var db = new Core.Data.LessonReviewDb(TestDatabase.Options(host.DataDirectory));
        var keys = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DataProtectionKeys);
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("encryptedSecret", k.Xml));
        Assert.All(keys, k => Assert.DoesNotContain("<value>", k.Xml)); // no key material in the clear
    }

    [Fact]
    public async Task A_cookie_of_one_deployment_opens_nothing_in_another()
    {
        using var first = new AppHost();
        using var second = new AppHost(); // its own database, so its own key ring
        var signedIn = await first.TraineeAsync();

        var copied = second.ClientWithCookie(first.CookieHeader(signedIn));

        Assert.Equal(HttpStatusCode.Unauthorized, (await copied.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public void A_certificate_that_cannot_be_opened_stops_start_up_with_the_reason()
    {
        var failure = Assert.ThrowsAny<Exception>(() => { using var host = AppHost.With(new() { ["DataProtection:Certificate"] = "not base64!" }); });
        Assert.Contains("DataProtection:Certificate is not a base64 PFX", failure.ToString());
    }
}
