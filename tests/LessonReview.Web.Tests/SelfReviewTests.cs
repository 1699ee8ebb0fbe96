using System.Net;
using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests;

/// <summary>
/// Self-review ("be your own mentor"): a review opened with no mentors is the trainee's, private until
/// they invite a mentor; the trainee moves and closes it; their notes stay marked as self-review notes.
/// </summary>
public sealed class SelfReviewTests(ReviewHost host) : IClassFixture<ReviewHost>
{
    [Fact]
    public async Task A_self_review_is_private_to_its_trainee_until_a_mentor_is_invited()
    {
        var trainee = await host.TraineeAsync();
        var coordinator = await host.CoordinatorAsync();
        var mentor = await host.MentorAsync();

        var opened = await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { kind = "self" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var review = (await opened.Content.ReadFromJsonAsync<ReviewDto>())!;
        Assert.Equal(("self", true), (review.Kind, review.Private));
        var note = await ReviewHost.CommentAsync(trainee, review.Id, 4, "I talked over the pair work", "note");
        Assert.True(note.SelfReviewNote);

        // Private: the coordinator neither lists, reads, joins nor exports it (and nobody else does).
        Assert.DoesNotContain((await coordinator.GetFromJsonAsync<List<ReviewSummaryDto>>("/api/reviews"))!, r => r.Id == review.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/reviews/{review.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/reviews/{review.Id}/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PutAsJsonAsync($"/api/reviews/{review.Id}/mentors", new { userIds = new[] { host.MentorId } })).StatusCode);
        await using (var refused = await HubProbe.StartAsync(host, coordinator, ("JoinReview", review.Id)))
            await refused.WaitForAsync("refused");
        Assert.Contains((await trainee.GetFromJsonAsync<List<ReviewSummaryDto>>("/api/reviews"))!, r => r.Id == review.Id && r.Private && r.Kind == "self");

        var shared = await trainee.PutAsJsonAsync($"/api/reviews/{review.Id}/mentors", new { userIds = new[] { host.MentorId } });
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.False((await shared.Content.ReadFromJsonAsync<ReviewDto>())!.Private);

        // Shared: the mentor and coordinators see it, the trainee's note marked as theirs, the mentor's feedback not.
        var seen = (await mentor.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!;
        Assert.Equal(("self", false), (seen.Kind, seen.Private));
        Assert.True(seen.Comments.Single(c => c.Id == note.Id).SelfReviewNote);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/reviews/{review.Id}")).StatusCode);
        var feedback = await ReviewHost.CommentAsync(mentor, review.Id, 5, "Try a countdown before pair work", "suggestion");
        Assert.False(feedback.SelfReviewNote);
        var reply = await trainee.PostAsJsonAsync($"/api/reviews/{review.Id}/comments",
            new { id = Guid.NewGuid(), atSeconds = 5, kind = "note", text = "Thank you!", parentId = feedback.Id });
        Assert.False((await reply.Content.ReadFromJsonAsync<CommentDto>())!.SelfReviewNote);

        // Taking the mentors off again does not make it private: the coordinators keep seeing it.
        await trainee.PutAsJsonAsync($"/api/reviews/{review.Id}/mentors", new { userIds = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/reviews/{review.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_trainee_moves_their_self_review_through_the_cycle_and_closes_it_with_the_usual_rules()
    {
        var trainee = await host.TraineeAsync();
        var review = (await (await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { kind = "self" })).Content.ReadFromJsonAsync<ReviewDto>())!;
        Task<HttpResponseMessage> Move(string stage) => trainee.PostAsJsonAsync($"/api/reviews/{review.Id}/stage", new { stage });

        var tooEarly = await Move("educate");
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Contains("at least one comment", (await tooEarly.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        await ReviewHost.CommentAsync(trainee, review.Id, 2, "Instructions were too long", "note");
        Assert.Equal(HttpStatusCode.OK, (await Move("educate")).StatusCode);
        var item = (await (await trainee.PostAsJsonAsync($"/api/reviews/{review.Id}/action-items", new { text = "Model the task before pair work" }))
            .Content.ReadFromJsonAsync<ActionItemDto>())!;
        Assert.Equal(HttpStatusCode.OK, (await Move("follow-up")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Move("done")).StatusCode); // the item is still open
        await trainee.PatchAsJsonAsync($"/api/reviews/{review.Id}/action-items/{item.Id}", new { status = "done" });
        Assert.Equal(HttpStatusCode.OK, (await Move("done")).StatusCode);

        var closed = (await trainee.GetFromJsonAsync<ReviewDto>($"/api/reviews/{review.Id}"))!;
        Assert.Equal("done", closed.Stage);
        Assert.Equal(["observe", "educate", "follow-up", "done"], closed.StageHistory.Select(h => h.Stage));
    }

    [Fact]
    public async Task A_mentored_review_needs_a_mentor_only_the_trainee_opens_a_self_review_and_a_trainee_does_not_move_a_mentored_one()
    {
        var trainee = await host.TraineeAsync();

        var noMentor = await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { kind = "mentored" });
        Assert.Equal(HttpStatusCode.BadRequest, noMentor.StatusCode);
        Assert.Contains("Nobody would be asked", (await noMentor.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail); // and no standing mentors
        var nothingSaid = await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { });
        Assert.Equal(HttpStatusCode.BadRequest, nothingSaid.StatusCode); // no mentor and no self-review intent
        var unknownKind = await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { kind = "secret" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Contains("mentored, self", (await unknownKind.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var byCoordinator = await (await host.CoordinatorAsync()).PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { kind = "self" });
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);

        var mentored = await host.OpenReviewAsync(trainee);
        Assert.Equal(("mentored", false), (mentored.Kind, mentored.Private));
        await ReviewHost.CommentAsync(await host.MentorAsync(), mentored.Id, 1, "Good warm-up");
        var moved = await trainee.PostAsJsonAsync($"/api/reviews/{mentored.Id}/stage", new { stage = "educate" });
        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
    }

    [Fact]
    public async Task Goals_from_a_private_self_review_are_not_shown_to_the_mentors_of_the_next_lessons_review()
    {
        var trainee = await host.TraineeAsync();
        var self = (await (await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { kind = "self" })).Content.ReadFromJsonAsync<ReviewDto>())!;
        var privateGoal = (await (await trainee.PostAsJsonAsync($"/api/reviews/{self.Id}/action-items", new { text = "Smile more (private)" }))
            .Content.ReadFromJsonAsync<ActionItemDto>())!;
        var nextLesson = await Tus.UploadAsync(trainee, await TestClips.LandscapeH264Async(), "Unit 5");
        await Tus.WaitUntilProcessedAsync(trainee, nextLesson);

        var mentoredNext = await host.OpenReviewAsync(trainee, nextLesson);
        var ownNext = (await (await trainee.PostAsJsonAsync($"/api/lessons/{nextLesson}/reviews", new { kind = "self" })).Content.ReadFromJsonAsync<ReviewDto>())!;

        Assert.DoesNotContain((await (await host.MentorAsync()).GetFromJsonAsync<ReviewDto>($"/api/reviews/{mentoredNext.Id}"))!.PreviousActionItems,
            i => i.Id == privateGoal.Id);
        Assert.Contains(ownNext.PreviousActionItems, i => i.Id == privateGoal.Id);
    }
}
