using System.Net;
using System.Net.Http.Json;
using LessonReview.Core.Lessons;
using LessonReview.Core.Storage;
using LessonReview.Web.Lessons;
using LessonReview.Web.Privacy;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LessonReview.Web.Tests.Privacy;

/// <summary>
/// Privacy for filmed pupils (issue 12): consent confirmed at upload, originals deleted after the
/// retention period, lessons of switched-off accounts purged, a view log for the trainee and
/// coordinators, and no download offered by the player.
/// </summary>
public sealed class PrivacyTests(ReviewHost host) : IClassFixture<ReviewHost>
{
    [Fact]
    public async Task An_upload_without_the_consent_confirmation_is_refused_in_words_and_stores_nothing()
    {
        var trainee = await host.OtherTraineeAsync();
        var response = await Tus.CreateAsync(trainee, 1000, Tus.Metadata(("filename", "class.mp4"), ("consent", "")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Confirm that the school's consent rule allows this class to be filmed", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Empty((await trainee.GetFromJsonAsync<List<LessonDto>>("/api/lessons"))!);
        var recorded = await host.DbAsync(db => db.Lessons.Where(l => l.Id == host.LessonId).Select(l => l.ConsentConfirmedAt).SingleAsync());
        Assert.NotNull(recorded); // the host's lesson was uploaded with it
    }

    [Fact]
    public async Task Who_watched_is_logged_once_per_viewing_and_read_only_by_the_trainee_and_coordinators()
    {
        var trainee = await host.TraineeAsync();
        var review = await host.OpenReviewAsync(trainee);
        var mentor = await host.MentorAsync();

        var page = await mentor.GetStringAsync($"/reviews/{review.Id}");
        await mentor.GetStringAsync($"/lessons/{host.LessonId}"); // the same viewing, through the lesson's page
        await trainee.GetStringAsync($"/lessons/{host.LessonId}"); // the trainee's own: not logged

        Assert.Contains("controlslist=\"nodownload\"", page);
        var views = (await trainee.GetFromJsonAsync<List<LessonViewDto>>($"/api/lessons/{host.LessonId}/views"))!;
        var mia = Assert.Single(views, v => v.UserId == host.MentorId);
        Assert.Equal(("Mia Mentor", "mentor"), (mia.Name, mia.Role));
        Assert.DoesNotContain(views, v => v.Name == "Tomoko Trainee");
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.GetAsync($"/api/lessons/{host.LessonId}/views")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await host.CoordinatorAsync()).GetAsync($"/api/lessons/{host.LessonId}/views")).StatusCode);
        Assert.Contains("Mia Mentor", await trainee.GetStringAsync($"/lessons/{host.LessonId}")); // the lesson page's privacy panel
    }

    [Fact]
    public async Task The_original_goes_after_the_retention_period_and_the_lesson_still_plays()
    {
        var trainee = await host.NewUserAsync("trainee", "Retention Trainee");
        var lessonId = await Tus.UploadAsync(trainee, await LessonReview.TestSupport.TestClips.LandscapeH264Async(), "Kept 30 days");
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId)).Status);
        var sweeper = host.Services.GetRequiredService<RetentionSweeper>();
        Assert.NotNull(await OriginalLengthAsync(lessonId));

        await sweeper.SweepAsync(DateTime.UtcNow.AddDays(29), default);
        Assert.NotNull(await OriginalLengthAsync(lessonId)); // not yet
        await sweeper.SweepAsync(DateTime.UtcNow.AddDays(31), default);

        Assert.Null(await OriginalLengthAsync(lessonId));
        Assert.NotNull(await host.DbAsync(db => db.Lessons.Where(l => l.Id == lessonId).Select(l => l.OriginalDeletedAt).SingleAsync()));
        var video = await trainee.GetAsync($"/api/lessons/{lessonId}/media/main-init.mp4");
        Assert.Equal(HttpStatusCode.OK, video.StatusCode);
        Assert.NotEqual("attachment", video.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.OK, (await trainee.GetAsync($"/api/lessons/{lessonId}/media/index.m3u8")).StatusCode);
    }

    [Fact]
    public async Task The_lessons_of_an_account_switched_off_longer_than_the_retention_period_are_purged()
    {
        var leaverEmail = await host.CreateUserAsync("trainee", "Leaving ALT");
        var leaver = await host.SignInAsync(leaverEmail);
        var stayer = await host.NewUserAsync("trainee", "Staying ALT");
        var leaverLesson = await Tus.UploadAsync(leaver, await LessonReview.TestSupport.TestClips.LandscapeH264Async(), "Leaver's lesson");
        var stayerLesson = await Tus.UploadAsync(stayer, await LessonReview.TestSupport.TestClips.LandscapeH264Async(), "Stayer's lesson");
        await Tus.WaitUntilProcessedAsync(leaver, leaverLesson);
        await Tus.WaitUntilProcessedAsync(stayer, stayerLesson);
        var coordinator = await host.CoordinatorAsync();
        await coordinator.PatchAsJsonAsync($"/api/users/{await AppHost.IdOfAsync(stayer)}", new { disabled = false });
        var leaverId = (await host.DbAsync(db => db.Users.Where(u => u.Email == leaverEmail).Select(u => u.Id).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PatchAsJsonAsync($"/api/users/{leaverId}", new { disabled = true })).StatusCode);
        var sweeper = host.Services.GetRequiredService<RetentionSweeper>();

        Assert.Equal(0, (await sweeper.SweepAsync(DateTime.UtcNow.AddDays(364), default)).Lessons);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/lessons/{leaverLesson}")).StatusCode);
        Assert.Equal(1, (await sweeper.SweepAsync(DateTime.UtcNow.AddDays(366), default)).Lessons);

        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/lessons/{leaverLesson}")).StatusCode);
        Assert.Null(await OriginalLengthAsync(leaverLesson, MediaKeys.Output(leaverLesson, "main.m3u8")));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/lessons/{stayerLesson}")).StatusCode);
    }

    private async Task<long?> OriginalLengthAsync(Guid lessonId, string? key = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediaStorage>().GetLengthAsync(key ?? MediaKeys.Original(lessonId));
    }
}
