using System.Diagnostics;

namespace LessonReview.Bench;

/// <summary>Medians of repeated runs; these machines are shared and noisy, so only ratios are reported.</summary>
internal static class Measure
{
    public static async Task<double> MedianSecondsAsync(int runs, Func<Task> run)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await run();
            times.Add(stopwatch.Elapsed.TotalSeconds);
        }
        return Median(times);
    }

    /// <summary>The middle value (the upper one of an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    public static async Task<int> RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {await error}");
        await output;
        return process.ExitCode;
    }

    /// <summary>Prints value against baseline; with an empty <paramref name="goal"/> the line is information only.</summary>
    public static void Report(string name, double value, double baseline, string goal, bool met) =>
        Console.WriteLine($"{name,-44} {value,9:0.000} s vs baseline {baseline,9:0.000} s  ratio {value / baseline,6:0.000}" +
                          (goal.Length == 0 ? "" : $"  goal {goal,-8} {(met ? "MET" : "NOT MET")}"));
}
