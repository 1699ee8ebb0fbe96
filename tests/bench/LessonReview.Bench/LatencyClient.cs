using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LessonReview.Bench;

/// <summary>
/// Post-to-receive latency of live comments with the .NET SignalR client. Runs in its own process
/// (<c>LessonReview.Bench latency-client</c>, configuration as JSON on standard input, result as
/// JSON on standard output), so the 200 client connections never share a process, and its thread
/// pool, with the server being measured, the app or the baseline alike.
/// </summary>
internal static class LatencyClient
{
    public sealed record Config(string BaseUrl, string[]? HubBaseUrls, string HubPath, string JoinMethod, string PostPath,
        string[] Cookies, string PosterCookie, Guid[] Reviews, int ViewersPerReview, int Comments, int RatePerSecond);

    public sealed record Output(int Samples, int Missing, double P50, double P99, double Max);

    public static async Task<int> MainAsync()
    {
        var config = JsonSerializer.Deserialize<Config>(await Console.In.ReadToEndAsync(), JsonSerializerOptions.Web)!;
        Console.WriteLine(JsonSerializer.Serialize(await MeasureAsync(config), JsonSerializerOptions.Web));
        return 0;
    }

    private static async Task<Output> MeasureAsync(Config config)
    {
        var sent = new ConcurrentDictionary<Guid, long>();
        var latencies = new ConcurrentBag<double>();
        var connections = new List<Task<HubConnection>>();
        foreach (var reviewId in config.Reviews)
            for (var v = 0; v < config.ViewersPerReview; v++)
            {
                var cookie = config.Cookies[v % config.Cookies.Length];
                var hubBase = config.HubBaseUrls is { Length: > 0 } hubs ? hubs[v % hubs.Length] : config.BaseUrl;
                var connection = new HubConnectionBuilder()
                    .WithUrl(hubBase + config.HubPath, HttpTransportType.WebSockets, o => { if (cookie.Length > 0) o.Headers["Cookie"] = cookie; })
                    .Build();
                connection.On<JsonElement>("CommentAdded", comment =>
                {
                    if (comment.TryGetProperty("id", out var id) && sent.TryGetValue(id.GetGuid(), out var t0))
                        latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                });
                connections.Add(JoinAsync(connection, config.JoinMethod, reviewId));
            }
        var live = await Task.WhenAll(connections);
        await Task.Delay(1000); // let join-time presence traffic settle

        using var http = new HttpClient { BaseAddress = new Uri(config.BaseUrl) };
        if (config.PosterCookie.Length > 0) http.DefaultRequestHeaders.Add("Cookie", config.PosterCookie);
        var posts = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / config.RatePerSecond);
        for (var i = 0; i < config.Comments; i++)
        {
            var reviewId = config.Reviews[i % config.Reviews.Length];
            var id = Guid.NewGuid();
            sent[id] = Stopwatch.GetTimestamp();
            posts.Add(PostAsync(http, config.PostPath.Replace("{id}", reviewId.ToString()),
                new { id, reviewId, atSeconds = 1, kind = "note", text = $"bench comment {i}" }));
            await Task.Delay(interval);
        }
        await Task.WhenAll(posts);
        await Task.Delay(2000);
        await Task.WhenAll(live.Select(c => c.DisposeAsync().AsTask()));

        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p / 100 * sorted.Length))];
        return new Output(sorted.Length, config.Comments * config.ViewersPerReview - sorted.Length, Percentile(50), Percentile(99),
            sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    private static async Task<HubConnection> JoinAsync(HubConnection connection, string method, Guid reviewId)
    {
        await connection.StartAsync();
        await connection.InvokeAsync(method, reviewId.ToString());
        return connection;
    }

    private static async Task PostAsync(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST answered {(int)response.StatusCode}");
    }
}
