using System.Net;
using System.Net.Http.Json;
using LessonReview.Core.Accounts;
using LessonReview.Web.Realtime;
using LessonReview.Web.Reviews;
using LessonReview.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LessonReview.Web.Tests;

/// <summary>
/// An open review page is a live connection that outlives the request that signed it in: when the
/// sign-in ends or the account changes, the page must feel it at once, not at its next reconnect.
/// The host keeps the default <c>Accounts:SessionCheckSeconds</c> (60), so "at once" here is the
/// immediate check an account change asks for, not the periodic one.
/// </summary>
public sealed class LiveSessionTests(ReviewHost host) : IClassFixture<ReviewHost>
{
    private async Task<(HttpClient Trainee, ReviewDto Review, string MentorEmail, HttpClient Mentor)> ReviewWithNewMentorAsync()
    {
        var mentorEmail = await host.CreateUserAsync(Roles.Mentor, "Temporary Mentor");
        var mentor = await host.SignInAsync(mentorEmail);
        var mentorId = await AppHost.IdOfAsync(mentor);
        var trainee = await host.TraineeAsync();
        var created = await trainee.PostAsJsonAsync($"/api/lessons/{host.LessonId}/reviews", new { mentorIds = new[] { mentorId } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (trainee, (await created.Content.ReadFromJsonAsync<ReviewDto>())!, mentorEmail, mentor);
    }

    [Fact]
    public async Task A_disabled_mentor_watching_a_review_is_told_at_once_and_sees_nothing_more()
    {
        var (trainee, review, mentorEmail, mentor) = await ReviewWithNewMentorAsync();
        await using var traineeWatching = await HubProbe.StartAsync(host, trainee, ("JoinReview", review.Id));
        await using var mentorWatching = await HubProbe.StartAsync(host, mentor, ("JoinReview", review.Id));
        await traineeWatching.WaitForAsync("PresenceChanged", p => p.GetProperty("viewers").GetArrayLength() == 2);

        await host.AccountsAsync(async accounts => await accounts.DisableAsync(await accounts.GetAsync(mentorEmail)));

        var ended = await mentorWatching.WaitForAsync("SessionEnded", timeoutMs: 15_000); // the periodic check is 60 s away
        Assert.Contains("signed out", ended.GetProperty("data").GetProperty("message").GetString());
        await traineeWatching.WaitForAsync("PresenceChanged", p => p.GetProperty("viewers").GetArrayLength() == 1);
        await ReviewHost.CommentAsync(trainee, review.Id, 3, "Written after the mentor was switched off");
        await traineeWatching.WaitForAsync("CommentAdded");
        await mentorWatching.WaitForAsync("closed", timeoutMs: 15_000); // cut off even though the probe never stops by itself
        Assert.Empty(mentorWatching.Events("CommentAdded"));
        Assert.Empty(traineeWatching.Events("SessionEnded")); // nobody else is touched
    }

    [Fact]
    public async Task Signing_out_ends_that_sessions_live_page_and_leaves_the_persons_other_session_live()
    {
        var (trainee, review, mentorEmail, mentor) = await ReviewWithNewMentorAsync();
        var copied = host.ClientWithCookie(host.CookieHeader(mentor)); // the same session in another browser (a copied cookie)
        var otherBrowser = await host.SignInAsync(mentorEmail);
        await using var sessionWatching = await HubProbe.StartAsync(host, mentor, ("JoinReview", review.Id));
        await using var otherWatching = await HubProbe.StartAsync(host, otherBrowser, ("JoinReview", review.Id));
        Assert.Single(sessionWatching.Events("joined"));

        Assert.Equal(HttpStatusCode.NoContent, (await copied.DeleteAsync("/api/session")).StatusCode);

        await sessionWatching.WaitForAsync("SessionEnded", timeoutMs: 15_000);
        await ReviewHost.CommentAsync(trainee, review.Id, 4, "Still live for the other browser");
        await otherWatching.WaitForAsync("CommentAdded");
        Assert.Empty(otherWatching.Events("SessionEnded"));
        Assert.Empty(otherWatching.Events("closed"));
    }

    [Fact]
    public async Task A_coordinator_made_a_mentor_is_reconnected_and_can_no_longer_watch_others_reviews()
    {
        var review = await host.OpenReviewAsync(await host.TraineeAsync());
        var email = await host.CreateUserAsync(Roles.Coordinator, "Former Coordinator");
        var coordinator = await host.SignInAsync(email);
        await using var watching = await HubProbe.StartAsync(host, coordinator, ("JoinReview", review.Id));
        Assert.Single(watching.Events("joined"));

        await host.AccountsAsync(async accounts => await accounts.SetRoleAsync(await accounts.GetAsync(email), Roles.Mentor));

        await watching.WaitForAsync("closed", timeoutMs: 15_000);
        Assert.Empty(watching.Events("SessionEnded")); // still signed in: only the rights changed
        // The same cookie still says "coordinator" (it is refreshed within Accounts:SessionCheckSeconds), yet a
        // new connection joins with the role the account has now.
        await using var again = await HubProbe.StartAsync(host, coordinator, ("JoinReview", review.Id));
        Assert.Empty(again.Events("joined"));
        Assert.Single(again.Events("refused"));
    }

    [Fact]
    public async Task A_check_with_nothing_changed_ends_no_connection()
    {
        var (trainee, review, _, mentor) = await ReviewWithNewMentorAsync();
        await using var traineeWatching = await HubProbe.StartAsync(host, trainee, ("JoinReview", review.Id));
        await using var mentorWatching = await HubProbe.StartAsync(host, mentor, ("JoinReview", review.Id));

        var ended = await host.Services.GetRequiredService<HubSessionCheck>().CheckAsync();

        Assert.Equal(0, ended);
        await ReviewHost.CommentAsync(trainee, review.Id, 5, "Both still here");
        await mentorWatching.WaitForAsync("CommentAdded");
    }
}
