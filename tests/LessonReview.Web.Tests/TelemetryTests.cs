using System.Net.Http.Json;
using LessonReview.TestSupport;
using LessonReview.Web.Tests.Support;

namespace LessonReview.Web.Tests;

/// <summary>
/// With OTEL_EXPORTER_OTLP_ENDPOINT set, the app's OpenTelemetry exporter sends traces, metrics and
/// logs of requests, database commands, the hub and the processing pipeline to that endpoint.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task An_upload_processed_and_a_page_of_lessons_reach_the_OTLP_endpoint()
    {
        using var otlp = new OtlpReceiver();
        using var host = AppHost.With(otlp.Settings());
        var trainee = await host.TraineeAsync();

        var lessonId = await Tus.UploadAsync(trainee, await TestClips.LandscapeH264Async());
        Assert.Equal("ready", (await Tus.WaitUntilProcessedAsync(trainee, lessonId)).Status);
        await trainee.GetFromJsonAsync<List<Lessons.LessonDto>>("/api/lessons");
        await trainee.GetAsync("/alive");

        var wait = TimeSpan.FromSeconds(30);
        await otlp.WaitForAsync("traces", wait,
            "lessonreview-web",                // the service
            "GET /api/lessons",                // a request, by route
            TestDatabase.IsPostgres ? "postgresql SELECT" : "sqlite SELECT", // a database command under it
            "process lesson", "ffprobe", "ffmpeg hls", "ffmpeg jpg"); // the pipeline and its tool runs
        await otlp.WaitForAsync("metrics", wait,
            "http.server.request.duration", "lessonreview.processing.duration", "lessonreview.processing.queue_wait",
            "lessonreview.processing.bytes", "succeeded");
        await otlp.WaitForAsync("logs", wait, "Processing lesson");
        Assert.False(otlp.Saw("traces", "GET /alive"), "liveness probes are left out of traces");
    }
}
