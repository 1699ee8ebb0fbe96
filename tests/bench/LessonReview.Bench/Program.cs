using LessonReview.Bench;

// Usage: dotnet tests/bench/LessonReview.Bench/bin/Release/net10.0/LessonReview.Bench.dll [pipeline|talk|playable|upload|azure-upload|azure-playback|comments|scale-out|long-lesson|all]
//        [--runs N] [--seconds S] [--talk-minutes M] [--long-minutes L] [--phone-minutes M] [--hevc-minutes M] [--hevc-full-runs N]
//        [--upload-mib M] [--comments N] [--rate R] [--viewers V] [--lesson-minutes M] [--chunk-seconds S] [--web-dll PATH]
var what = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "all";
if (what == "latency-client") return await LatencyClient.MainAsync(); // a child of the comments benchmarks
string? Option(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();
var runs = int.Parse(Option("runs") ?? "5");

if (what is "pipeline" or "all")
    await PipelineBenchmark.RunAsync(runs, int.Parse(Option("seconds") ?? "60"));
if (what is "talk" or "all")
    await TalkBenchmark.RunAsync(Math.Min(runs, 3), int.Parse(Option("talk-minutes") ?? "5"), int.Parse(Option("long-minutes") ?? "45"));
var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../.."));
var dll = Option("web-dll") ?? Path.Combine(root, "src/LessonReview.Web/bin/Release/net10.0/LessonReview.Web.dll");
if (what is "playable" or "upload" or "azure-upload" or "comments" or "scale-out" or "long-lesson" or "azure-playback" or "all" && !File.Exists(dll))
{
    Console.Error.WriteLine($"Build the web app first: dotnet build -c Release src/LessonReview.Web (looked for {dll})");
    return 2;
}
if (what is "playable" or "all")
    await PlayableBenchmark.RunAsync(Math.Min(runs, 3), int.Parse(Option("phone-minutes") ?? "45"), int.Parse(Option("hevc-minutes") ?? "10"),
        int.Parse(Option("hevc-full-runs") ?? "1"), dll);
if (what is "upload" or "all")
    await UploadBenchmark.RunAsync(runs, long.Parse(Option("upload-mib") ?? "2048") << 20, dll);
if (what is "azure-upload" or "all")
    await AzureUploadBenchmark.RunAsync(Math.Min(runs, 3), long.Parse(Option("azure-mib") ?? "1024") << 20, dll);
if (what is "azure-playback" or "all")
    await AzurePlaybackBenchmark.RunAsync(Math.Min(runs, 5), int.Parse(Option("viewers") ?? "20"), dll);
if (what is "comments" or "all")
    await CommentLatencyBenchmark.RunAsync(Math.Min(runs, 3), int.Parse(Option("comments") ?? "300"), int.Parse(Option("rate") ?? "25"),
        dll, int.Parse(Option("viewers") ?? "4"));
if (what is "scale-out" or "all")
{
    var workerDll = Path.Combine(root, "src/LessonReview.Worker/bin/Release/net10.0/LessonReview.Worker.dll");
    if (Option("skip-latency") is null)
        await ScaleOutBenchmark.LatencyAsync(Math.Min(runs, 3), int.Parse(Option("comments") ?? "300"), int.Parse(Option("rate") ?? "25"),
            dll);
    if (Option("skip-workers") is null) await ScaleOutBenchmark.WorkersAsync(Math.Min(runs, 3), int.Parse(Option("lessons") ?? "10"), dll, workerDll);
}
if (what is "long-lesson" or "all")
{
    var workerDll = Path.Combine(root, "src/LessonReview.Worker/bin/Release/net10.0/LessonReview.Worker.dll");
    await ScaleOutBenchmark.LongLessonAsync(Math.Min(runs, 3), int.Parse(Option("lesson-minutes") ?? "20"), int.Parse(Option("chunk-seconds") ?? "300"), dll, workerDll);
}
return 0;
