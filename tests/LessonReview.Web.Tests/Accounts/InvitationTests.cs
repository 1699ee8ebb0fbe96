using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LessonReview.Web.Accounts;
using LessonReview.Web.Tests.Notifications;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests.Accounts;

/// <summary>
/// Invitations and password links (issue 12): a coordinator invites by e-mail; the person sets their
/// own password from the mailed link (once) and signs in; coordinators send reset links; anyone can
/// ask for one from the sign-in page without learning who has an account. Mail through a real SMTP server.
/// </summary>
public sealed partial class InvitationTests(MailHost host) : IClassFixture<MailHost>
{
    [Theory]
    [InlineData("trainee", HttpStatusCode.Forbidden)]
    [InlineData("mentor", HttpStatusCode.Forbidden)]
    [InlineData("coordinator", HttpStatusCode.Created)]
    public async Task Only_coordinators_invite(string who, HttpStatusCode expected)
    {
        var caller = who switch { "trainee" => await host.TraineeAsync(), "mentor" => await host.MentorAsync(), _ => await host.CoordinatorAsync() };
        var response = await caller.PostAsJsonAsync("/api/users", new { email = $"alt-{Guid.NewGuid():N}@example.org", name = "New ALT", role = "trainee" });
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.AnonymousClient().PostAsJsonAsync("/api/users", new { email = "x@example.org", name = "X", role = "trainee" })).StatusCode);
    }

    [Fact]
    public async Task An_invited_person_sets_their_password_from_the_mailed_link_once_and_signs_in()
    {
        var email = $"alt-{Guid.NewGuid():N}@example.org";
        var response = await (await host.CoordinatorAsync()).PostAsJsonAsync("/api/users", new { email, name = "Emma ALT", role = "trainee", language = "ja" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var invitation = (await response.Content.ReadFromJsonAsync<AccountAdmin.InvitationDto>())!;
        Assert.Equal((email, "Emma ALT", "trainee", true, (string?)null, (DateTime?)null),
            (invitation.Account.Email, invitation.Account.Name, invitation.Account.Role, invitation.Mailed, invitation.Link, invitation.Account.LastSignInAt));

        // The mail is in the language the coordinator chose, and names who invited them.
        var mail = await host.WaitForMailAsync(email, "LessonReview");
        Assert.Equal("Kenji Coordinatorさんから LessonReview への招待が届きました", mail.Subject);
        var link = LinkIn(mail.TextBody ?? "");
        Assert.StartsWith("http://lessonreview.test/password?kind=invite&", link);
        var path = new Uri(link).PathAndQuery;

        var person = host.AnonymousClient();
        Assert.Contains($"Choose the password you will sign in with, as {email}.", await person.GetStringAsync(path));
        var mismatch = await PostFormAsync(person, path, new() { ["password"] = "a-long-password", ["again"] = "another-password" });
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("The two passwords differ", await mismatch.Content.ReadAsStringAsync());

        var set = await PostFormAsync(person, path, new() { ["password"] = "a-long-password", ["again"] = "a-long-password" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.StartsWith("/signin?passwordSet=True", set.Headers.Location!.OriginalString);
        await host.SignInAsync(email, "a-long-password");

        // Used once: the same link now says so, and sets nothing.
        var again = await person.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("This link has expired or was already used", await again.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not-an-address", "Emma", "trainee", null, HttpStatusCode.BadRequest, "Give an e-mail address")]
    [InlineData("NEW@example.org", "", "trainee", null, HttpStatusCode.BadRequest, "Give the person's name")]
    [InlineData("new@example.org", "Emma", "admin", null, HttpStatusCode.BadRequest, "Role must be one of: trainee, mentor, coordinator.")]
    [InlineData("new@example.org", "Emma", "trainee", "fr", HttpStatusCode.BadRequest, "Language must be one of: en, ja")]
    [InlineData("mentor@example.org", "Mia", "mentor", null, HttpStatusCode.Conflict, "mentor@example.org already has an account")]
    public async Task A_wrong_invitation_is_refused_in_words_and_creates_nothing(string email, string name, string role, string? language, HttpStatusCode status, string reason)
    {
        var coordinator = await host.CoordinatorAsync();
        var response = await coordinator.PostAsJsonAsync("/api/users", new { email, name, role, language });
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var everyone = await coordinator.GetFromJsonAsync<List<SessionApi.UserDto>>("/api/users");
        Assert.DoesNotContain(everyone!, u => u.Email == "new@example.org");
    }

    [Fact]
    public async Task A_password_link_from_the_coordinator_replaces_the_password_and_ends_open_sessions()
    {
        var email = await host.CreateUserAsync("mentor", "Forgetful Mentor");
        var open = await host.SignInAsync(email);
        var id = await AppHost.IdOfAsync(open);

        var sent = await (await host.CoordinatorAsync()).PostAsync($"/api/users/{id}/password-link", null);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var mail = await host.WaitForMailAsync(email, "Set a new LessonReview password");
        var path = new Uri(LinkIn(mail.TextBody ?? "")).PathAndQuery;
        Assert.Contains("kind=reset", path);
        var set = await PostFormAsync(host.AnonymousClient(), path, new() { ["password"] = "brand-new-password", ["again"] = "brand-new-password" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await open.GetAsync("/api/me")).StatusCode); // the old sign-in ended
        await host.SignInAsync(email, "brand-new-password");
        var old = await host.AnonymousClient().PostAsJsonAsync("/api/session", new { email, password = AppHost.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }

    [Fact]
    public async Task Forgot_password_mails_a_link_to_an_account_and_answers_the_same_for_an_address_without_one()
    {
        var email = await host.CreateUserAsync("trainee", "Forgetful Trainee");
        var nobody = $"nobody-{Guid.NewGuid():N}@example.org";

        var forOne = await PostFormAsync(host.AnonymousClient(), "/password/forgot", new() { ["email"] = email });
        var forNone = await PostFormAsync(host.AnonymousClient(), "/password/forgot", new() { ["email"] = nobody });

        Assert.Equal(HttpStatusCode.OK, forOne.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forNone.StatusCode);
        Assert.Contains($"If an account has the address {email}", await forOne.Content.ReadAsStringAsync());
        Assert.Contains($"If an account has the address {nobody}", await forNone.Content.ReadAsStringAsync());
        await host.WaitForMailAsync(email, "Set a new LessonReview password");
        Assert.DoesNotContain(host.Mails(), m => m.To.Mailboxes.Any(a => a.Address == nobody));
    }

    [Fact]
    public async Task Forgot_password_from_a_japanese_browser_mails_in_japanese_when_the_account_has_no_language_saved()
    {
        var email = await host.CreateUserAsync("trainee", "忘れた 研修者");
        var japanese = host.AnonymousClient();
        japanese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja-JP");

        await PostFormAsync(japanese, "/password/forgot", new() { ["email"] = email });

        var mail = await host.WaitForMailAsync(email, "LessonReview");
        Assert.Equal("LessonReview の新しいパスワードの設定", mail.Subject); // "Set a new LessonReview password"
    }

    [Fact]
    public async Task A_link_that_was_tampered_with_is_refused_with_what_to_do()
    {
        var id = await AppHost.IdOfAsync(await host.TraineeAsync());
        var response = await host.AnonymousClient().GetAsync($"/password?kind=reset&user={id}&token=made-up");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Forgot your password?", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a page's form as a browser does: with the antiforgery token the page gave it.</summary>
    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static string LinkIn(string body) => Regex.Match(body, @"http://lessonreview\.test/password\?\S+").Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
