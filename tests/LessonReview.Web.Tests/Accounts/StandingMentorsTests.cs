using System.Net;
using System.Net.Http.Json;
using LessonReview.Web.Accounts;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests.Accounts;

/// <summary>
/// Standing mentors (issue 12): coordinators assign a trainee's mentors once; a review the trainee
/// opens without naming anyone goes to them; nobody to ask and no self-review is refused in words.
/// </summary>
public sealed class StandingMentorsTests(ReviewHost host) : IClassFixture<ReviewHost>
{
    [Theory]
    [InlineData("trainee", HttpStatusCode.Forbidden, HttpStatusCode.OK)]   // their own: read, not change
    [InlineData("other-trainee", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("mentor", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("coordinator", HttpStatusCode.OK, HttpStatusCode.OK)]
    public async Task Only_coordinators_change_standing_mentors_and_only_they_and_the_trainee_read_them(string who, HttpStatusCode put, HttpStatusCode get)
    {
        var traineeId = await AppHost.IdOfAsync(await host.TraineeAsync());
        var caller = who switch
        {
            "trainee" => await host.TraineeAsync(),
            "other-trainee" => await host.OtherTraineeAsync(),
            "mentor" => await host.MentorAsync(),
            _ => await host.CoordinatorAsync(),
        };

        Assert.Equal(put, (await caller.PutAsJsonAsync($"/api/users/{traineeId}/mentors", new { userIds = new[] { host.MentorId } })).StatusCode);
        Assert.Equal(get, (await caller.GetAsync($"/api/users/{traineeId}/mentors")).StatusCode);
    }

    [Fact]
    public async Task Standing_mentors_are_mentors_of_a_trainee_and_a_wrong_choice_is_refused_in_words()
    {
        var coordinator = await host.CoordinatorAsync();
        var traineeId = await AppHost.IdOfAsync(await host.TraineeAsync());

        var notATrainee = await coordinator.PutAsJsonAsync($"/api/users/{host.MentorId}/mentors", new { userIds = new[] { host.MentorId } });
        Assert.Equal(HttpStatusCode.BadRequest, notATrainee.StatusCode);
        Assert.Contains("not a trainee", (await notATrainee.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var notAMentor = await coordinator.PutAsJsonAsync($"/api/users/{traineeId}/mentors", new { userIds = new[] { traineeId } });
        Assert.Equal(HttpStatusCode.BadRequest, notAMentor.StatusCode);
        Assert.Contains("not mentors", (await notAMentor.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task A_review_opened_without_naming_mentors_goes_to_the_standing_mentors_and_naming_others_overrides_them()
    {
        var coordinator = await host.CoordinatorAsync();
        var trainee = await host.TraineeAsync();
        var traineeId = await AppHost.IdOfAsync(trainee);
        var jte = await host.NewUserAsync("mentor", "Sato JTE");
        var jteId = await AppHost.IdOfAsync(jte);

        // None yet: nobody to ask and no self-review intent is refused, with what to do.
        await coordinator.PutAsJsonAsync($"/api/users/{traineeId}/mentors", new { userIds = Array.Empty<Guid>() });
        var refused = await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("no standing mentors", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        var saved = await coordinator.PutAsJsonAsync($"/api/users/{traineeId}/mentors", new { userIds = new[] { host.MentorId, jteId } });
        Assert.Equal(["Mia Mentor", "Sato JTE"], (await saved.Content.ReadFromJsonAsync<List<SessionApi.UserDto>>())!.Select(m => m.Name));
        Assert.Equal(2, (await trainee.GetFromJsonAsync<List<SessionApi.UserDto>>($"/api/users/{traineeId}/mentors"))!.Count);

        var toStanding = (await (await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { })).Content.ReadFromJsonAsync<ReviewDto>())!;
        Assert.Equal(("mentored", false), (toStanding.Kind, toStanding.Private));
        Assert.Equal(new[] { host.MentorId, jteId }.Order(), toStanding.MentorIds.Order());
        Assert.Contains((await jte.GetFromJsonAsync<List<ReviewSummaryDto>>("/api/reviews"))!, r => r.Id == toStanding.Id);

        var chosen = (await (await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { mentorIds = new[] { jteId } }))
            .Content.ReadFromJsonAsync<ReviewDto>())!;
        Assert.Equal([jteId], chosen.MentorIds);
        var own = (await (await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { kind = "self" })).Content.ReadFromJsonAsync<ReviewDto>())!;
        Assert.Equal(("self", true), (own.Kind, own.Private));
        Assert.Empty(own.MentorIds);
    }
}
