using System.Net;
using System.Net.Http.Json;
using LessonReview.Web.Accounts;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests.Accounts;

public sealed class AccountTests(AppHost host) : IClassFixture<AppHost>
{
    [Fact]
    public async Task Seeded_trainee_signs_in_and_sees_who_they_are()
    {
        var client = await host.TraineeAsync();

        var me = await client.GetFromJsonAsync<SessionApi.UserDto>("/api/me");

        Assert.Equal(("trainee@example.org", "trainee"), (me!.Email, me.Role));
    }

    [Fact]
    public async Task Wrong_password_is_401_with_advice_and_no_cookie()
    {
        var client = host.AnonymousClient();

        var response = await client.PostAsJsonAsync("/api/session", new { email = "trainee@example.org", password = "nope-nope" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("coordinator", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await host.MentorAsync();

        await client.DeleteAsync("/api/session");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Trainees_see_only_mentors_names_coordinators_see_everyone_mentors_nobody()
    {
        var trainee = await host.TraineeAsync();
        var mentors = await trainee.GetFromJsonAsync<List<SessionApi.UserDto>>("/api/users");
        var raw = await trainee.GetStringAsync("/api/users?role=mentor");
        var everyone = await (await host.CoordinatorAsync()).GetFromJsonAsync<List<SessionApi.UserDto>>("/api/users");

        Assert.Contains(mentors!, u => u.Name == "Mia Mentor");
        Assert.All(mentors!, u => Assert.Equal(("mentor", null), (u.Role, u.Email)));
        Assert.DoesNotContain("@example.org", raw);
        Assert.Equal(HttpStatusCode.Forbidden, (await trainee.GetAsync("/api/users?role=trainee")).StatusCode);
        Assert.Contains(everyone!, u => u.Email == "trainee@example.org" && u.Role == "trainee");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.MentorAsync()).GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_page_form_needs_its_antiforgery_token()
    {
        var client = host.AnonymousClient();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "trainee@example.org", ["password"] = AppHost.Password });

        var response = await client.PostAsync("/signin", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void Account_details_are_validated_in_words()
    {
        Assert.Contains("8 characters", AccountService.Validate("a@b.org", "short", "mentor", "A"));
        Assert.Contains("Role must be", AccountService.Validate("a@b.org", "long-enough", "admin", "A"));
        Assert.Null(AccountService.Validate("a@b.org", "long-enough", "mentor", "山田 花子"));
    }
}
