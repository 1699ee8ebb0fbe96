using System.Net.Http.Json;
using System.Text.Json;
using LessonReview.TestSupport;

namespace LessonReview.Bench;

/// <summary>
/// Production shape on one PostgreSQL: (1) live-comment latency with the viewers of each review
/// split over two web instances (events over LISTEN/NOTIFY) against all viewers on one instance of
/// the same configuration, same run; (2) lessons processed per minute by two worker processes
/// against one, each with Media:Threads=1.
/// </summary>
internal static class ScaleOutBenchmark
{
    public static async Task LatencyAsync(int runs, int comments, int ratePerSecond, string webDll)
    {
        Console.WriteLine($"== live comments over two instances: 50 reviews × 4 viewers, {comments} comments at {ratePerSecond}/s, median of {runs} runs");
        using var data = new TempFolder();
        var settings = Settings(data.Path, Postgres.NewDatabase());
        settings["Worker__Enabled"] = "true";
        settings["RateLimits__WriteBurst"] = "1000000";
        settings["RateLimits__WritesPerTenSeconds"] = "1000000";
        using var a = await AppProcess.StartAsync(webDll, data.Path, settings);
        settings["Worker__Enabled"] = "false";
        using var b = await AppProcess.StartAsync(webDll, data.Path, settings);
        var (reviews, cookies) = await CommentLatencyBenchmark.PrepareAsync(a);

        var single = new List<CommentLatencyBenchmark.Result>();
        var split = new List<CommentLatencyBenchmark.Result>();
        for (var i = 0; i < runs; i++)
        {
            single.Add(await CommentLatencyBenchmark.MeasureAppAsync(a, [a], cookies, reviews, comments, ratePerSecond));
            split.Add(await CommentLatencyBenchmark.MeasureAppAsync(a, [a, b], cookies, reviews, comments, ratePerSecond));
        }
        var one = CommentLatencyBenchmark.Median(single);
        var two = CommentLatencyBenchmark.Median(split);
        Console.WriteLine($"{"one instance: p50 / p99",-44} {one.P50,7:0.0} ms / {one.P99,7:0.0} ms  ({one.Samples} samples, {one.Missing} missing)");
        Console.WriteLine($"{"two instances: p50 / p99",-44} {two.P50,7:0.0} ms / {two.P99,7:0.0} ms  ({two.Samples} samples, {two.Missing} missing)");
        Console.WriteLine($"{"p99 two / p99 one",-44} {two.P99 / one.P99,7:0.00}  goal <= 1.5  {(two.P99 / one.P99 <= 1.5 ? "MET" : "NOT MET")}");
    }

    public static async Task WorkersAsync(int runs, int lessons, string webDll, string workerDll)
    {
        Console.WriteLine($"== workers: {lessons} lessons (60 s 640×360 MPEG-4, full encode) per run, Media:Threads=1, median of {runs} runs");
        var clip = await File.ReadAllBytesAsync(await TestClips.SmallMpeg4Async(60));
        var warmUp = await File.ReadAllBytesAsync(await TestClips.SmallMpeg4Async(5));
        double one = 0, two = 0;
        var ones = new List<double>();
        var twos = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            ones.Add(await LessonsPerMinuteAsync(1, lessons, clip, warmUp, webDll, workerDll));
            twos.Add(await LessonsPerMinuteAsync(2, lessons, clip, warmUp, webDll, workerDll));
        }
        one = ones.Order().ElementAt(runs / 2);
        two = twos.Order().ElementAt(runs / 2);
        Console.WriteLine($"{"one worker",-44} {one,7:0.0} lessons/min");
        Console.WriteLine($"{"two workers",-44} {two,7:0.0} lessons/min");
        Console.WriteLine($"{"two / one",-44} {two / one,7:0.00}  goal >= 1.7  {(two / one >= 1.7 ? "MET" : "NOT MET")}");
    }

    /// <summary>
    /// One long lesson, encoded in parts (Media:ChunkSeconds, 300 by default): upload complete to ready
    /// with one worker process against two, each with Media:Threads=1, runs interleaved.
    /// </summary>
    public static async Task LongLessonAsync(int runs, int minutes, int chunkSeconds, string webDll, string workerDll)
    {
        Console.WriteLine($"== one long lesson: {minutes}-minute 640×360 MPEG-4 (full encode) in parts of {chunkSeconds} s, " +
            $"Media:Threads=1 per worker, median of {runs} runs");
        var clip = await File.ReadAllBytesAsync(await TestClips.SmallMpeg4Async(minutes * 60));
        var warmUp = await File.ReadAllBytesAsync(await TestClips.SmallMpeg4Async(5));
        var ones = new List<double>();
        var twos = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            ones.Add(await SecondsToReadyAsync(1, clip, warmUp, chunkSeconds, webDll, workerDll));
            twos.Add(await SecondsToReadyAsync(2, clip, warmUp, chunkSeconds, webDll, workerDll));
        }
        var one = Measure.Median(ones);
        var two = Measure.Median(twos);
        Console.WriteLine($"{"one worker: upload complete to ready",-44} {one,7:0.0} s");
        Console.WriteLine($"{"two workers: upload complete to ready",-44} {two,7:0.0} s");
        Console.WriteLine($"{"one / two (speed-up)",-44} {one / two,7:0.00}  goal >= 1.7  {(one / two >= 1.7 ? "MET" : "NOT MET")}");
    }

    private static async Task<double> SecondsToReadyAsync(int workers, byte[] clip, byte[] warmUp, int chunkSeconds, string webDll, string workerDll)
    {
        using var data = new TempFolder();
        var database = Postgres.NewDatabase();
        var settings = Settings(data.Path, database);
        settings["Worker__Enabled"] = "false";
        using var web = await AppProcess.StartAsync(webDll, data.Path, settings);
        var (trainee, _) = await web.SignInAsync("trainee@example.org");
        settings["Media__Threads"] = "1";
        settings["Media__ChunkSeconds"] = chunkSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ready = Enumerable.Range(0, workers).Select(_ => new TaskCompletionSource()).ToList();
        var processes = ready.Select(r => WorkerProcess(workerDll, settings, r)).ToList();
        await Task.WhenAll(ready.Select(r => r.Task)).WaitAsync(TimeSpan.FromSeconds(60));
        try
        {
            await ProcessAllAsync(trainee, Enumerable.Repeat(warmUp, workers)); // steady state, as above
            var id = await CommentLatencyBenchmark.UploadAsync(trainee, clip);
            var uploaded = DateTime.UtcNow;
            while ((await trainee.GetFromJsonAsync<JsonElement>($"/api/lessons/{id}")).GetProperty("status").GetString() is not ("ready" or "failed"))
                await Task.Delay(TimeSpan.FromSeconds(1));
            await using var connection = new Npgsql.NpgsqlConnection(database);
            await connection.OpenAsync();
            // The clock stops when the worker stored "ready", not when a poll noticed.
            await using var lesson = new Npgsql.NpgsqlCommand("SELECT \"PlayableAt\", \"ReadyAt\" FROM lessons WHERE \"Id\" = @id", connection);
            lesson.Parameters.AddWithValue("id", Guid.Parse(id));
            DateTime playableAt, readyAt;
            await using (var reader = await lesson.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                (playableAt, readyAt) = (reader.GetDateTime(0), reader.GetDateTime(1));
            }
            await using var parts = new Npgsql.NpgsqlCommand(
                "SELECT \"LeaseOwner\" FROM processing_jobs WHERE \"LessonId\" = @id AND \"Kind\" = 'chunk'", connection);
            parts.Parameters.AddWithValue("id", Guid.Parse(id));
            var owners = new List<string>();
            await using (var reader = await parts.ExecuteReaderAsync())
                while (await reader.ReadAsync()) owners.Add(reader.IsDBNull(0) ? "?" : reader.GetString(0).StartsWith("lesson ", StringComparison.Ordinal) ? "lesson's job" : "other worker");
            var seconds = (readyAt - uploaded).TotalSeconds;
            Console.WriteLine($"   {workers} worker(s): ready {seconds:0.0} s after upload (playable {(playableAt - uploaded).TotalSeconds:0.0} s); " +
                $"parts after the first: {string.Join(", ", owners.GroupBy(o => o).Select(g => $"{g.Count()} by the {g.Key}"))}");
            return seconds;
        }
        finally
        {
            foreach (var process in processes) { process.Kill(entireProcessTree: true); process.Dispose(); }
        }
    }

    private static async Task<double> LessonsPerMinuteAsync(int workers, int lessons, byte[] clip, byte[] warmUp, string webDll, string workerDll)
    {
        using var data = new TempFolder();
        var database = Postgres.NewDatabase();
        var settings = Settings(data.Path, database);
        settings["Worker__Enabled"] = "false";
        using var web = await AppProcess.StartAsync(webDll, data.Path, settings);
        var (trainee, _) = await web.SignInAsync("trainee@example.org");

        // Steady-state throughput: the workers are up before the clock starts.
        settings["Media__Threads"] = "1";
        var ready = Enumerable.Range(0, workers).Select(_ => new TaskCompletionSource()).ToList();
        var processes = ready.Select(r => WorkerProcess(workerDll, settings, r)).ToList();
        await Task.WhenAll(ready.Select(r => r.Task)).WaitAsync(TimeSpan.FromSeconds(60));
        try
        {
            // A freshly started .NET process spends its first seconds compiling (the web app used half a
            // core for ~10 s): one short lesson per worker first, so the clock sees steady state, not start-up,
            // which would take a core from the two-worker run but only idle time from the one-worker run.
            await ProcessAllAsync(trainee, Enumerable.Repeat(warmUp, workers));
            var started = DateTime.UtcNow;
            var measured = await ProcessAllAsync(trainee, Enumerable.Repeat(clip, lessons), poll: TimeSpan.FromSeconds(1));
            await using var connection = new Npgsql.NpgsqlConnection(database);
            await connection.OpenAsync();
            // Which worker finished which job when: an uneven split or idle gaps show here.
            await using var jobs = new Npgsql.NpgsqlCommand(
                "SELECT \"LeaseOwner\", \"FinishedAt\" FROM processing_jobs WHERE \"LessonId\" = ANY(@ids) ORDER BY \"FinishedAt\"", connection);
            jobs.Parameters.AddWithValue("ids", measured.Select(Guid.Parse).ToArray());
            var finished = new List<(string Owner, DateTime At)>();
            await using (var reader = await jobs.ExecuteReaderAsync())
                while (await reader.ReadAsync()) finished.Add((reader.IsDBNull(0) ? "?" : reader.GetString(0), reader.GetDateTime(1)));
            // The clock stops when the last job finished (stored by the worker), not when a poll noticed:
            // polling often would take CPU from the workers, polling rarely would add up to a poll of delay.
            var elapsed = finished[^1].At - started;
            var perMinute = lessons / elapsed.TotalMinutes;
            var owners = finished.Select(f => f.Owner).Distinct().ToList();
            var timeline = string.Join(" ", finished.Select(f => $"w{owners.IndexOf(f.Owner) + 1}@{(f.At - finished[0].At).TotalSeconds:0.0}"));
            Console.WriteLine($"   {workers} worker(s): {perMinute:0.0} lessons/min in {elapsed.TotalSeconds:0.0} s; " +
                $"jobs per worker {string.Join("/", owners.Select(o => finished.Count(f => f.Owner == o)))}; finished {timeline}");
            return perMinute;
        }
        finally
        {
            foreach (var process in processes) { process.Kill(entireProcessTree: true); process.Dispose(); }
        }
    }

    /// <returns>The lesson ids, once every lesson is ready (or failed).</returns>
    private static async Task<List<string>> ProcessAllAsync(HttpClient trainee, IEnumerable<byte[]> clips, TimeSpan? poll = null)
    {
        var ids = new List<string>();
        foreach (var clip in clips) ids.Add(await CommentLatencyBenchmark.UploadAsync(trainee, clip));
        foreach (var id in ids)
            while ((await trainee.GetFromJsonAsync<JsonElement>($"/api/lessons/{id}")).GetProperty("status").GetString() is not ("ready" or "failed"))
                await Task.Delay(poll ?? TimeSpan.FromMilliseconds(100));
        return ids;
    }

    private static System.Diagnostics.Process WorkerProcess(string dll, Dictionary<string, string> settings, TaskCompletionSource ready)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in settings) info.Environment[key] = value;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__LessonReview.Core.Processing.ProcessingWorker"] = "Information";
        var process = System.Diagnostics.Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("Processing worker") == true) ready.TrySetResult(); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static Dictionary<string, string> Settings(string dataDirectory, string database) => new()
    {
        ["DataDirectory"] = dataDirectory,
        ["Database__Provider"] = "PostgreSQL",
        ["ConnectionStrings__Database"] = database,
        ["Events__Provider"] = "PostgreSQL",
        ["Worker__PollSeconds"] = "1",
    };
}
