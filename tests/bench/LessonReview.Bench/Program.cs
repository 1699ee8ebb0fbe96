using LessonReview.Bench;

// Usage: dotnet run -c Release --project tests/bench/LessonReview.Bench -- [pipeline|upload|all]
//        [--runs N] [--seconds S] [--upload-mib M] [--web-dll PATH]
var what = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "all";
string? Option(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();
var runs = int.Parse(Option("runs") ?? "5");

if (what is "pipeline" or "all")
    await PipelineBenchmark.RunAsync(runs, int.Parse(Option("seconds") ?? "60"));
if (what is "upload" or "all")
{
    var dll = Option("web-dll") ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory,
        "../../../../../../src/LessonReview.Web/bin/Release/net10.0/LessonReview.Web.dll"));
    if (!File.Exists(dll))
    {
        Console.Error.WriteLine($"Build the web app first: dotnet build -c Release src/LessonReview.Web (looked for {dll})");
        return 2;
    }
    await UploadBenchmark.RunAsync(runs, long.Parse(Option("upload-mib") ?? "2048") << 20, dll);
}
return 0;
