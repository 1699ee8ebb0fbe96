using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LessonReview.TestSupport;

namespace LessonReview.Bench;

/// <summary>
/// Playback from Azure Blob (Azurite): viewers each loading a whole lesson as a player does
/// (index.m3u8, main.m3u8, the init segment, every segment in order), with the app redirecting to a
/// SAS URL per segment (the default) against the app serving every byte itself
/// (Storage:Azure:ServeMediaThroughApp), two app processes on one database and one Azurite, runs
/// interleaved: wall time, time to a viewer's first segment, and the web process's CPU.
/// </summary>
internal static class AzurePlaybackBenchmark
{
    public static async Task RunAsync(int runs, int viewers, string webDll)
    {
        Console.WriteLine($"== playback from Azurite: {viewers} viewers each loading a whole 60 s 720p + 360p lesson, SAS redirect vs through the app, median of {runs} runs");
        await using var azurite = await Azurite.StartAsync();
        using var data = new TempFolder();
        var settings = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Azure",
            ["Storage__Azure__ConnectionString"] = azurite.ConnectionString,
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Database"] = Postgres.NewDatabase(),
        };
        using var redirecting = await AppProcess.StartAsync(webDll, data.File("a"), settings);
        var (uploader, _) = await redirecting.SignInAsync("trainee@example.org");
        var id = await CommentLatencyBenchmark.UploadAsync(uploader, await File.ReadAllBytesAsync(await TestClips.Hd1080Async(60, h264: false)));
        while ((await uploader.GetFromJsonAsync<JsonElement>($"/api/lessons/{id}")).GetProperty("status").GetString() is not ("ready" or "failed"))
            await Task.Delay(500);
        settings["Storage__Azure__ServeMediaThroughApp"] = "true";
        settings["Worker__Enabled"] = "false";
        using var proxying = await AppProcess.StartAsync(webDll, data.File("b"), settings);

        // One signed-in client per app, shared by the viewers (its pool opens a connection per concurrent request).
        var (viaRedirect, _) = await redirecting.SignInAsync("trainee@example.org");
        var (viaApp, _) = await proxying.SignInAsync("trainee@example.org");
        var sas = new List<Result>();
        var proxy = new List<Result>();
        await LoadAsync(redirecting, viaRedirect, id, viewers); // warm-up: JIT, connection pools, Azurite's cache
        await LoadAsync(proxying, viaApp, id, viewers);
        for (var i = 0; i < runs; i++)
        {
            sas.Add(await LoadAsync(redirecting, viaRedirect, id, viewers));
            proxy.Add(await LoadAsync(proxying, viaApp, id, viewers));
        }
        Report("SAS redirect per segment", sas);
        Report("through the app", proxy);
        var (s, p) = (Median(sas), Median(proxy));
        Console.WriteLine($"{"through the app / SAS: wall time",-44} {p.Seconds / s.Seconds,7:0.00}");
        Console.WriteLine($"{"through the app / SAS: first segment p50",-44} {p.FirstSegmentP50 / s.FirstSegmentP50,7:0.00}");
        Console.WriteLine($"{"through the app / SAS: web process CPU",-44} {p.CpuSeconds / Math.Max(0.001, s.CpuSeconds),7:0.00}");
    }

    private sealed record Result(double Seconds, double FirstSegmentP50, double CpuSeconds, long Bytes);

    private static Result Median(List<Result> results) => new(
        Measure.Median(results.Select(r => r.Seconds)), Measure.Median(results.Select(r => r.FirstSegmentP50)),
        Measure.Median(results.Select(r => r.CpuSeconds)), results[0].Bytes);

    private static void Report(string name, List<Result> results)
    {
        var m = Median(results);
        Console.WriteLine($"{name,-44} {m.Seconds,7:0.00} s for {m.Bytes / 1e6:0} MB; first segment p50 {m.FirstSegmentP50 * 1000:0} ms; " +
            $"web process CPU {m.CpuSeconds:0.00} s ({m.CpuSeconds / (m.Bytes / 1e9):0.0} s per GB)");
    }

    private static async Task<Result> LoadAsync(AppProcess app, HttpClient client, string lessonId, int viewers)
    {
        var cpuBefore = CpuSeconds(app.Pid);
        var started = Stopwatch.GetTimestamp();
        var viewersDone = await Task.WhenAll(Enumerable.Range(0, viewers).Select(_ => ViewerAsync(client, lessonId)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = CpuSeconds(app.Pid) - cpuBefore;
        var firsts = viewersDone.Select(v => v.FirstSegment).Order().ToList();
        return new Result(seconds, firsts[firsts.Count / 2], cpu, viewersDone.Sum(v => v.Bytes));
    }

    /// <summary>One player: the playlists, then every file of the main rendition in order (redirects followed).</summary>
    private static async Task<(double FirstSegment, long Bytes)> ViewerAsync(HttpClient client, string lessonId)
    {
        var started = Stopwatch.GetTimestamp();
        var media = $"/api/lessons/{lessonId}/media/";
        await client.GetStringAsync(media + "index.m3u8");
        var playlist = await client.GetStringAsync(media + "main.m3u8");
        var files = playlist.Split('\n').Select(l => l.Trim())
            .Select(l => l.StartsWith("#EXT-X-MAP:URI=\"", StringComparison.Ordinal) ? l[16..l.IndexOf('"', 16)] : l.StartsWith('#') ? "" : l)
            .Where(f => f.Length > 0).ToList();
        double first = 0;
        long bytes = 0;
        foreach (var file in files)
        {
            bytes += (await client.GetByteArrayAsync(media + file)).Length;
            if (first == 0 && file.EndsWith(".m4s", StringComparison.Ordinal)) first = Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        return (first, bytes);
    }

    /// <summary>User + system CPU seconds of a process so far (Linux: /proc/PID/stat, clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }
}
