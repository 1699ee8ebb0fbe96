using System.Net;
using System.Net.Http.Json;
using LessonReview.Web.Accounts;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests.Accounts;

/// <summary>PATCH /api/users/{id} (issue 12): coordinators change name and role and switch accounts off and on; nobody else does.</summary>
public sealed class AccountAdminTests(SessionSecurityTests.Host host) : IClassFixture<SessionSecurityTests.Host>
{
    /// <summary>The People page's accounts table (the standing-mentors table above it lists trainees whatever the filter).</summary>
    private static async Task<string> AccountsSectionAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return html[html.IndexOf("id=\"accounts\"", StringComparison.Ordinal)..];
    }

    [Theory]
    [InlineData("trainee", HttpStatusCode.Forbidden)]
    [InlineData("mentor", HttpStatusCode.Forbidden)]
    [InlineData("coordinator", HttpStatusCode.OK)]
    public async Task Only_coordinators_change_accounts(string role, HttpStatusCode expected)
    {
        var target = await AppHost.IdOfAsync(await host.NewUserAsync("trainee", "Target"));
        var caller = await host.NewUserAsync(role);

        var response = await caller.PatchAsJsonAsync($"/api/users/{target}", new { name = "Renamed by " + role });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_switched_off_mentor_is_marked_in_the_list_coordinators_pick_mentors_from_and_left_out_of_a_trainees()
    {
        var coordinator = await host.CoordinatorAsync();
        var mentorId = await AppHost.IdOfAsync(await host.NewUserAsync("mentor", "Leaving Mentor"));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PatchAsJsonAsync($"/api/users/{mentorId}", new { disabled = true })).StatusCode);

        var forCoordinator = (await coordinator.GetFromJsonAsync<List<SessionApi.UserDto>>("/api/users?role=mentor"))!;
        var forTrainee = (await (await host.NewUserAsync("trainee")).GetFromJsonAsync<List<SessionApi.UserDto>>("/api/users?role=mentor"))!;

        Assert.False(Assert.Single(forCoordinator, u => u.Id == mentorId).Active); // the review page offers them only to take them off
        Assert.Contains(forCoordinator, u => u.Active);
        Assert.DoesNotContain(forTrainee, u => u.Id == mentorId);
    }

    [Fact]
    public async Task A_switched_off_account_is_signed_out_at_once_and_can_be_switched_back_on()
    {
        var email = await host.CreateUserAsync("trainee", "Leaving ALT");
        var open = await host.SignInAsync(email);
        var id = await AppHost.IdOfAsync(open);
        var coordinator = await host.CoordinatorAsync();

        var off = await coordinator.PatchAsJsonAsync($"/api/users/{id}", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.True((await off.Content.ReadFromJsonAsync<AccountAdmin.AccountDto>())!.Disabled);
        Assert.Equal(HttpStatusCode.Unauthorized, (await open.GetAsync("/api/me")).StatusCode); // its open session ended
        var again = await host.AnonymousClient().PostAsJsonAsync("/api/session", new { email, password = AppHost.Password });
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("switched off", (await again.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        var on = await coordinator.PatchAsJsonAsync($"/api/users/{id}", new { disabled = false });
        Assert.False((await on.Content.ReadFromJsonAsync<AccountAdmin.AccountDto>())!.Disabled);
        await host.SignInAsync(email); // asserts 204
    }

    [Fact]
    public async Task A_demoted_coordinator_loses_coordinator_powers_at_once_and_cannot_undo_the_demotion()
    {
        var email = await host.CreateUserAsync("coordinator", "Second Coordinator");
        var demoted = await host.SignInAsync(email);
        var id = await AppHost.IdOfAsync(demoted);
        var coordinator = await host.CoordinatorAsync();

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PatchAsJsonAsync($"/api/users/{id}", new { role = "trainee" })).StatusCode);

        // The very next request of their open session, no periodic check awaited.
        var undo = await demoted.PatchAsJsonAsync($"/api/users/{id}", new { role = "coordinator" });
        Assert.Equal(HttpStatusCode.Forbidden, undo.StatusCode);
        Assert.Equal("trainee", (await demoted.GetFromJsonAsync<SessionApi.UserDto>("/api/me"))!.Role);
        Assert.Equal(HttpStatusCode.Forbidden, (await demoted.GetAsync("/api/programme")).StatusCode);
        Assert.Equal("trainee", (await coordinator.GetFromJsonAsync<List<SessionApi.UserDto>>("/api/users"))!.Single(u => u.Id == id).Role);
    }

    [Fact]
    public async Task A_mentor_made_a_trainee_leaves_their_reviews_at_once()
    {
        var email = await host.CreateUserAsync("mentor", "Leaving Mentor");
        var mentor = await host.SignInAsync(email);
        var mentorId = await AppHost.IdOfAsync(mentor);
        var trainee = await host.TraineeAsync();
        var lessonId = await Tus.UploadAsync(trainee, await LessonReview.TestSupport.TestClips.LandscapeH264Async(), "Unit 6");
        await Tus.WaitUntilProcessedAsync(trainee, lessonId);
        var review = (await (await trainee.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { mentorIds = new[] { mentorId } }))
            .Content.ReadFromJsonAsync<LessonReview.Web.Reviews.ReviewDto>())!;
        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync($"/api/reviews/{review.Id}")).StatusCode);

        await (await host.CoordinatorAsync()).PatchAsJsonAsync($"/api/users/{mentorId}", new { role = "trainee" });

        Assert.Equal(HttpStatusCode.NotFound, (await mentor.GetAsync($"/api/reviews/{review.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mentor.GetAsync($"/api/lessons/{lessonId}")).StatusCode); // nor its video
        Assert.DoesNotContain((await mentor.GetFromJsonAsync<List<LessonReview.Web.Reviews.ReviewSummaryDto>>("/api/reviews"))!, r => r.Id == review.Id);
        var comment = await mentor.PostAsJsonAsync($"/api/reviews/{review.Id}/comments", new { atSeconds = 1, kind = "note", text = "still here?" });
        Assert.Equal(HttpStatusCode.NotFound, comment.StatusCode);
    }

    [Fact]
    public async Task Role_and_name_changes_reach_the_persons_open_session()
    {
        var email = await host.CreateUserAsync("trainee", "Kenta Trainee");
        var open = await host.SignInAsync(email);
        var id = await AppHost.IdOfAsync(open);

        var changed = await (await host.CoordinatorAsync()).PatchAsJsonAsync($"/api/users/{id}", new { role = "mentor", name = "Kenta Lead ALT" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(("mentor", "Kenta Lead ALT"), (await changed.Content.ReadFromJsonAsync<AccountAdmin.AccountDto>()) is { } a ? (a.Role, a.Name) : default);
        SessionApi.UserDto? me = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); me?.Role != "mentor" && DateTime.UtcNow < deadline; await Task.Delay(250))
            me = await open.GetFromJsonAsync<SessionApi.UserDto>("/api/me");
        Assert.Equal(("mentor", "Kenta Lead ALT"), (me!.Role, me.Name));
    }

    [Fact]
    public async Task Someone_who_never_signed_in_is_listed_as_such_until_they_do()
    {
        var email = await host.CreateUserAsync("trainee", "Invited Not Started");
        var coordinator = await host.CoordinatorAsync();
        var id = (await coordinator.GetFromJsonAsync<List<SessionApi.UserDto>>("/api/users?role=trainee"))!.First(u => u.Email == email).Id;

        var before = (await (await coordinator.PatchAsJsonAsync($"/api/users/{id}", new { name = "Invited Not Started" })).Content.ReadFromJsonAsync<AccountAdmin.AccountDto>())!;
        Assert.Null(before.LastSignInAt);
        Assert.Contains("Invited Not Started", await AccountsSectionAsync(coordinator, "/people?never=true"));

        await host.SignInAsync(email);

        var after = (await (await coordinator.PatchAsJsonAsync($"/api/users/{id}", new { name = "Invited Not Started" })).Content.ReadFromJsonAsync<AccountAdmin.AccountDto>())!;
        Assert.NotNull(after.LastSignInAt);
        Assert.DoesNotContain("Invited Not Started", await AccountsSectionAsync(coordinator, "/people?never=true"));
        Assert.Contains("Invited Not Started", await AccountsSectionAsync(coordinator, "/people"));
    }

    [Theory]
    [InlineData("{\"role\": \"admin\"}", 400, "Role must be one of")]
    [InlineData("{\"name\": \"   \"}", 400, "Give the person's name")]
    [InlineData("{\"disabled\": true}", 400, "cannot switch off your own account")]
    [InlineData("{\"role\": \"trainee\"}", 400, "give up your own coordinator role")]
    public async Task Wrong_changes_are_refused_in_words_and_change_nothing(string body, int status, string reason)
    {
        var coordinator = await host.NewUserAsync("coordinator", "Careful Coordinator");
        var self = await AppHost.IdOfAsync(coordinator);

        var response = await coordinator.PatchAsync($"/api/users/{self}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(("coordinator", "Careful Coordinator"), (await coordinator.GetFromJsonAsync<SessionApi.UserDto>("/api/me")) is { } me ? (me.Role, me.Name) : default);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PatchAsJsonAsync($"/api/users/{Guid.NewGuid()}", new { name = "Nobody" })).StatusCode);
    }
}
