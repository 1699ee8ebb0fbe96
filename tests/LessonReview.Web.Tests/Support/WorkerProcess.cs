using System.Diagnostics;
using LessonReview.TestSupport;

namespace LessonReview.Web.Tests.Support;

/// <summary>The real LessonReview.Worker as its own process (built with the tests).</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public static WorkerProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
        var dll = Path.Combine(Repository.Root, "src", "LessonReview.Worker", "bin", configuration, "net10.0", "LessonReview.Worker.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process);
    }

    public int Id => _process.Id;

    /// <summary>SIGKILL to the worker alone, as `kill -9 PID` does: its ffmpeg is left running, an orphan.</summary>
    public void KillProcessOnly()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>Kills the worker the hard way (as a crash or an evicted container would).</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
