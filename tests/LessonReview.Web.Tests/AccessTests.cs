using System.Net;
using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Web.Lessons;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace LessonReview.Web.Tests;

/// <summary>Trainees see their own lessons, coordinators all; the rest is 404 (or 403 when visible but not theirs).</summary>
public sealed class AccessTests(AppHost host) : IClassFixture<AppHost>
{
    [Fact]
    public async Task Another_trainee_gets_404_for_my_lesson_its_media_and_its_deletion()
    {
        var owner = await host.OtherTraineeAsync();
        var id = await Tus.UploadAsync(owner, await TestClips.LandscapeH264Async());
        var lesson = await Tus.WaitUntilProcessedAsync(owner, id);
        var stranger = await host.OtherTraineeAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/lessons/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(lesson.VideoUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(lesson.PosterUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/lessons/{id}")).StatusCode);
        Assert.DoesNotContain((await stranger.GetFromJsonAsync<List<LessonDto>>("/api/lessons"))!, l => l.Id == id);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(lesson.VideoUrl)).StatusCode);
    }

    [Fact]
    public async Task Signed_out_callers_get_401_problem_not_a_redirect()
    {
        var response = await host.AnonymousClient().GetAsync("/api/lessons");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Sign in", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task Coordinator_sees_every_lesson_and_can_delete_one_with_its_media()
    {
        var trainee = await host.OtherTraineeAsync();
        var id = await Tus.UploadAsync(trainee, await TestClips.LandscapeH264Async());
        await Tus.WaitUntilProcessedAsync(trainee, id);
        var coordinator = await host.CoordinatorAsync();

        Assert.Contains((await coordinator.GetFromJsonAsync<List<LessonDto>>("/api/lessons"))!, l => l.Id == id);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/lessons/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await trainee.GetAsync($"/api/lessons/{id}")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(host.DataDirectory, "media", Core.Lessons.MediaKeys.Folder(id))));
    }

    [Fact]
    public async Task Unknown_media_file_names_are_404_not_a_path_into_the_disk()
    {
        var trainee = await host.OtherTraineeAsync();
        var id = await Tus.UploadAsync(trainee, await TestClips.LandscapeH264Async());
        await Tus.WaitUntilProcessedAsync(trainee, id);

        Assert.Equal(HttpStatusCode.NotFound, (await trainee.GetAsync($"/api/lessons/{id}/media/original")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await trainee.GetAsync($"/api/lessons/{id}/media/..%2F..%2Flessonreview.db")).StatusCode);
    }
}
