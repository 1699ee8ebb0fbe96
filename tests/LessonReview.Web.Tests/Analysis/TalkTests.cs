using System.Net;
using System.Net.Http.Json;
using LessonReview.Media.Analysis;
using LessonReview.TestSupport;
using LessonReview.Web.Analysis;
using LessonReview.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LessonReview.Web.Tests.Analysis;

/// <summary>
/// Talk analytics through the app (issue 14): analysed after the lesson is playable, by the real
/// worker, ffmpeg and model; shown to whoever sees the lesson; trouble is said on the analysis and
/// never on the lesson.
/// </summary>
public sealed class TalkTests(ReviewHost host) : IClassFixture<ReviewHost>
{
    [Fact]
    public async Task A_lesson_is_analysed_after_it_becomes_playable_and_its_talk_matches_the_truth()
    {
        var trainee = await host.NewUserAsync("trainee", "Talking Trainee");
        var (clip, truth) = await TestClips.ClassroomLessonAsync();
        var lessonId = await Tus.UploadAsync(trainee, clip, "Weekends");
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId)).Status);

        var talk = await WaitForTalkAsync(trainee, lessonId);

        Assert.Equal("ready", talk.Status);
        var shareTruth = truth.Where(s => s.Speaker == Speaker.Teacher).Sum(s => s.Duration) / truth.Sum(s => s.Duration);
        Assert.InRange(talk.TeacherShare!.Value, shareTruth - 0.10, shareTruth + 0.10);
        Assert.Equal(SynthesisedClassroom.Exchanges.Length, talk.StudentTurns);
        var medianTruth = SynthesisedClassroom.Waits.Order().Skip(3).Take(2).Average();
        Assert.InRange(talk.MedianWaitSeconds!.Value, medianTruth - 0.5, medianTruth + 0.5);
        // Each figure is stored to the hundredth, so a sum of two may differ from the whole by 0.01:
        // compare with a tolerance, not by rounding both sides (46.65 and 46.66 round apart).
        Assert.Equal(talk.DurationSeconds!.Value, talk.SpeechSeconds!.Value + talk.SilenceSeconds!.Value, 0.02);
        Assert.Equal(talk.SpeechSeconds!.Value, talk.TeacherSeconds!.Value + talk.StudentSeconds!.Value, 0.02);
        Assert.All(talk.Segments, s => Assert.Contains(s.Speaker, new[] { TalkDto.Teacher, TalkDto.Student }));
        Assert.Equal(talk.Segments.OrderBy(s => s.Start), talk.Segments);
        Assert.Equal(Math.Ceiling(talk.DurationSeconds!.Value / 60), talk.Minutes.Count);
        Assert.Equal(talk.TeacherSeconds!.Value, talk.Minutes.Sum(m => m.TeacherSeconds), 0.01 * (talk.Minutes.Count + 1));

        var stranger = await host.OtherTraineeAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/lessons/{lessonId}/talk")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await host.CoordinatorAsync()).GetAsync($"/api/lessons/{lessonId}/talk")).StatusCode);
    }

    [Fact]
    public async Task A_recording_without_sound_says_so_on_the_analysis_and_the_lesson_still_plays()
    {
        var trainee = await host.NewUserAsync("trainee", "Silent Film Trainee");
        var lessonId = await Tus.UploadAsync(trainee, await TestClips.NoAudioAviAsync(), "No microphone");
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId)).Status);

        var talk = await WaitForTalkAsync(trainee, lessonId);

        Assert.Equal(("failed", "This recording has no sound, so there is no talk to measure."), (talk.Status, talk.Error));
        Assert.Equal("ready", (await trainee.GetFromJsonAsync<Lessons.LessonDto>($"/api/lessons/{lessonId}"))!.Status);
        var attempts = await host.DbAsync(db => db.ProcessingJobs.Where(j => j.LessonId == lessonId && j.Kind == "talk").Select(j => j.Attempts).SingleAsync());
        Assert.Equal(1, attempts); // no retries for what cannot change
    }

    [Fact]
    public async Task A_lesson_never_analysed_can_be_analysed_on_request_once_however_often_it_is_asked()
    {
        var trainee = await host.TraineeAsync();
        await WaitForTalkAsync(trainee, host.LessonId);
        await host.DbAsync(db => db.TalkAnalyses.Where(t => t.LessonId == host.LessonId).ExecuteDeleteAsync()); // as lessons from before analysis existed
        Assert.Equal("none", (await trainee.GetFromJsonAsync<TalkDto>($"/api/lessons/{host.LessonId}/talk"))!.Status);

        var first = await trainee.PostAsync($"/api/lessons/{host.LessonId}/talk", null);
        var second = await trainee.PostAsync($"/api/lessons/{host.LessonId}/talk", null);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Contains((await first.Content.ReadFromJsonAsync<TalkDto>())!.Status, new[] { "queued", "running", "ready" });
        Assert.Equal("ready", (await WaitForTalkAsync(trainee, host.LessonId)).Status);
        var jobs = await host.DbAsync(db => db.ProcessingJobs.CountAsync(j => j.LessonId == host.LessonId && j.Kind == "talk"));
        Assert.Equal(2, jobs); // the first after processing, one more for both requests
    }

    [Fact]
    public async Task Asking_for_the_talk_of_a_lesson_still_uploading_is_refused_in_words()
    {
        var trainee = await host.NewUserAsync("trainee", "Uploading Trainee");
        var created = await Tus.CreateAsync(trainee, 1_000_000, Tus.Metadata(("filename", "class.mp4")));
        var lessonId = created.Headers.Location!.ToString().Split('/').Last();

        var response = await trainee.PostAsync($"/api/lessons/{lessonId}/talk", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("This lesson is not playable yet; its talk is analysed as soon as it is.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    /// <summary>The analysis once it has finished (ready or failed).</summary>
    public static async Task<TalkDto> WaitForTalkAsync(HttpClient client, Guid lessonId, int timeoutSeconds = 90)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var talk = (await client.GetFromJsonAsync<TalkDto>($"/api/lessons/{lessonId}/talk"))!;
            if (talk.Status is "ready" or "failed" || DateTime.UtcNow > until) return talk;
            await Task.Delay(250);
        }
    }
}

/// <summary>A server whose model is missing: each lesson still plays, and its analysis says what the administrator must do.</summary>
public sealed class TalkWithoutModelTests(TalkWithoutModelTests.Host host) : IClassFixture<TalkWithoutModelTests.Host>
{
    public sealed class Host() : ReviewHost(new() { ["Analysis:Talk:ModelPath"] = "/nonexistent/silero_vad_v5.onnx" });

    [Fact]
    public async Task The_analysis_names_the_missing_model_and_the_lesson_plays()
    {
        var trainee = await host.TraineeAsync();

        var talk = await TalkTests.WaitForTalkAsync(trainee, host.LessonId);

        Assert.Equal("failed", talk.Status);
        Assert.StartsWith("This server cannot analyse talk yet: The voice-activity model is missing", talk.Error);
        Assert.Contains("scripts/setup.sh", talk.Error);
        Assert.Equal("ready", (await trainee.GetFromJsonAsync<Lessons.LessonDto>($"/api/lessons/{host.LessonId}"))!.Status);
    }
}

/// <summary>Analysis switched off: nothing is analysed, and asking says why.</summary>
public sealed class TalkTurnedOffTests(TalkTurnedOffTests.Host host) : IClassFixture<TalkTurnedOffTests.Host>
{
    public sealed class Host() : ReviewHost(new() { ["Analysis:Talk:Enabled"] = "false" });

    [Fact]
    public async Task Nothing_is_analysed_and_asking_is_refused_in_words()
    {
        var trainee = await host.TraineeAsync();

        Assert.Equal("none", (await trainee.GetFromJsonAsync<TalkDto>($"/api/lessons/{host.LessonId}/talk"))!.Status);
        var response = await trainee.PostAsync($"/api/lessons/{host.LessonId}/talk", null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Talk analysis is turned off on this server.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(0, await host.DbAsync(db => db.ProcessingJobs.CountAsync(j => j.Kind == "talk")));
    }
}
