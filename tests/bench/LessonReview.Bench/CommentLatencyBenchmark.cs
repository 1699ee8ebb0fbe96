using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LessonReview.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LessonReview.Bench;

/// <summary>
/// Live comments: 50 reviews × N viewers (4 by default; 20 for the 1,000-viewer goal of issue 13) on the .NET SignalR client (<see cref="LatencyClient"/>, its own process); comments posted through the
/// API (authorization, validation, a database transaction, then the broadcast). Baseline, same run:
/// an HTTP POST to a minimal endpoint that broadcasts the body to the group with no authorization
/// and no database (DESIGN.md).
/// </summary>
internal static class CommentLatencyBenchmark
{
    private const int Reviews = 50;
    private const int DefaultViewersPerReview = 4;

    public static async Task RunAsync(int runs, int comments, int ratePerSecond, string webDll, int viewersPerReview = DefaultViewersPerReview)
    {
        var connections = Reviews * viewersPerReview;
        Console.WriteLine($"== live comments: {Reviews} reviews × {viewersPerReview} viewers ({connections} connections), {comments} comments at {ratePerSecond}/s, median of {runs} runs");
        using var data = new TempFolder();
        using var app = await AppProcess.StartAsync(webDll, data.File("app"), new Dictionary<string, string>
        {
            ["RateLimits__WriteBurst"] = "1000000", ["RateLimits__WritesPerTenSeconds"] = "1000000",
        });
        var (reviewIds, viewers) = await PrepareAsync(app);

        await using var baseline = await BaselineServer.StartAsync();
        var appRuns = new List<Result>();
        var baseRuns = new List<Result>();
        await using var memory = new MemorySampler(app); // the server's resident growth while the viewers are connected
        for (var i = 0; i < runs; i++)
        {
            appRuns.Add(await MeasureAppAsync(app, [app], viewers, reviewIds, comments, ratePerSecond, viewersPerReview));
            baseRuns.Add(await MeasureAsync(new
            {
                baseUrl = baseline.BaseAddress, hubPath = "/hubs/baseline", joinMethod = "JoinReview",
                postPath = "/broadcast/{id}", cookies = new[] { "" }, posterCookie = "",
                reviews = reviewIds, viewersPerReview, comments, ratePerSecond,
            }));
        }
        var growth = await memory.StopAsync();
        var a = Median(appRuns);
        var b = Median(baseRuns);
        Console.WriteLine($"{"app: p50 / p99 post-to-receive",-44} {a.P50,7:0.0} ms / {a.P99,7:0.0} ms  ({a.Samples} samples, {a.Missing} missing)");
        Console.WriteLine($"{"baseline: p50 / p99 post-to-receive",-44} {b.P50,7:0.0} ms / {b.P99,7:0.0} ms  ({b.Samples} samples, {b.Missing} missing)");
        Console.WriteLine($"{"p99 under 100 ms",-44} {a.P99,7:0.0} ms  {(a.P99 < 100 ? "MET" : "NOT MET")}");
        Console.WriteLine($"{"p99 app / p99 baseline",-44} {a.P99 / b.P99,7:0.00}  goal <= 3  {(a.P99 / b.P99 <= 3 ? "MET" : "NOT MET")}");
        if (connections >= 1000) // issue 13: 1,000 viewers on one instance
        {
            Console.WriteLine($"{"p99 under 50 ms (1,000 viewers)",-44} {a.P99,7:0.0} ms  {(a.P99 < 50 ? "MET" : "NOT MET")}");
            Console.WriteLine($"{"p99 app / p99 baseline (1,000 viewers)",-44} {a.P99 / b.P99,7:0.00}  goal <= 2  {(a.P99 / b.P99 <= 2 ? "MET" : "NOT MET")}");
        }
        Console.WriteLine($"{"server memory per connection (peak growth)",-44} {growth / connections / 1024.0,7:0.0} KB  ({growth / (1024.0 * 1024):0.0} MB for {connections})");
    }

    /// <summary>A ready lesson with 50 reviews assigned to the mentor; cookies of four viewer connections (trainee, mentor, coordinator, mentor again).</summary>
    public static async Task<(List<Guid> Reviews, List<string> Viewers)> PrepareAsync(AppProcess app)
    {
        var viewers = new List<string>();
        Guid mentorId = default;
        foreach (var email in new[] { "trainee@example.org", "mentor@example.org", "coordinator@example.org", "mentor@example.org" })
        {
            var (client, cookie) = await app.SignInAsync(email);
            viewers.Add(cookie);
            if (email.StartsWith("mentor")) mentorId = (await client.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetGuid();
        }
        var (trainee, _) = await app.SignInAsync("trainee@example.org");
        return (await PrepareReviewsAsync(trainee, [mentorId]), viewers);
    }

    /// <summary>Comments posted to <paramref name="postTo"/> as the mentor; viewers spread over <paramref name="hubs"/>.</summary>
    public static Task<Result> MeasureAppAsync(AppProcess postTo, AppProcess[] hubs, List<string> viewers,
        List<Guid> reviewIds, int comments, int ratePerSecond, int viewersPerReview = DefaultViewersPerReview) => MeasureAsync(new
    {
        baseUrl = postTo.BaseAddress.ToString().TrimEnd('/'), hubBaseUrls = hubs.Select(h => h.BaseAddress.ToString().TrimEnd('/')).ToArray(),
        hubPath = "/hubs/review", joinMethod = "JoinReview", postPath = "/api/reviews/{id}/comments", cookies = viewers, posterCookie = viewers[1],
        reviews = reviewIds, viewersPerReview, comments, ratePerSecond,
    });

    /// <summary>Uploads a clip with tus and returns the lesson id.</summary>
    /// <returns>The lesson's id.</returns>
    public static async Task<string> UploadAsync(HttpClient trainee, byte[] clip) =>
        (await UploadBenchmark.UploadAsync(trainee, new MemoryStream(clip), clip.Length, "bench.mp4")).Split('/').Last();

    private static async Task<List<Guid>> PrepareReviewsAsync(HttpClient trainee, Guid[] mentors)
    {
        var lessonId = await UploadAsync(trainee, await File.ReadAllBytesAsync(await TestClips.LandscapeH264Async()));
        for (var i = 0; i < 600; i++)
        {
            var status = (await trainee.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}")).GetProperty("status").GetString();
            if (status == "ready") break;
            if (status == "failed") throw new InvalidOperationException("The benchmark lesson failed to process.");
            await Task.Delay(100);
        }
        var reviews = new List<Guid>();
        for (var i = 0; i < Reviews; i++)
        {
            var response = await trainee.PostAsJsonAsync($"/api/lessons/{lessonId}/reviews", new { mentorIds = mentors });
            response.EnsureSuccessStatusCode();
            reviews.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        return reviews;
    }

    public sealed record Result(int Samples, int Missing, double P50, double P99);

    public static Result Median(List<Result> runs)
    {
        var byP99 = runs.OrderBy(r => r.P99).ToList();
        return byP99[runs.Count / 2];
    }

    /// <summary>Runs <see cref="LatencyClient"/> in a child process of this benchmark.</summary>
    private static async Task<Result> MeasureAsync(object config)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LessonReview.Bench.dll"));
        info.ArgumentList.Add("latency-client");
        using var client = Process.Start(info)!;
        await client.StandardInput.WriteAsync(JsonSerializer.Serialize(config, JsonSerializerOptions.Web));
        client.StandardInput.Close();
        var output = client.StandardOutput.ReadToEndAsync();
        var error = client.StandardError.ReadToEndAsync();
        await client.WaitForExitAsync();
        if (client.ExitCode != 0) throw new InvalidOperationException($"The latency client failed: {await error}");
        var result = JsonDocument.Parse(await output).RootElement;
        return new Result(result.GetProperty("samples").GetInt32(), result.GetProperty("missing").GetInt32(),
            result.GetProperty("p50").GetDouble(), result.GetProperty("p99").GetDouble());
    }

    /// <summary>The baseline: a hub with groups and a POST that broadcasts its body. No auth, no database.</summary>
    private sealed class BaselineServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private BaselineServer(WebApplication app, string baseAddress) => (_app, BaseAddress) = (app, baseAddress);
        public string BaseAddress { get; }

        public static async Task<BaselineServer> StartAsync()
        {
            var port = Ports.Free();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Services.AddSignalR();
            var app = builder.Build();
            app.UseWebSockets();
            app.MapHub<BaselineHub>("/hubs/baseline");
            app.MapPost("/broadcast/{group}", async (string group, HttpRequest request, IHubContext<BaselineHub> hub) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                await hub.Clients.Group(group).SendAsync("CommentAdded", body.RootElement.Clone());
                return Results.NoContent();
            });
            await app.StartAsync();
            return new BaselineServer(app, $"http://127.0.0.1:{port}");
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private sealed class BaselineHub : Hub
    {
        public Task JoinReview(string reviewId) => Groups.AddToGroupAsync(Context.ConnectionId, reviewId);
    }
}
