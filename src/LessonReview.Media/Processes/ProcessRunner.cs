using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LessonReview.Media.Processes;

/// <summary>The outcome of one ffmpeg or ffprobe run.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string ErrorTail);

/// <summary>
/// Runs ffmpeg/ffprobe the way that never hangs: stdin closed, stdout and stderr always drained
/// (a full pipe blocks ffmpeg), a time limit, and cancellation that asks politely (SIGINT, so the
/// output is finalised) before it kills.
/// </summary>
internal static partial class ProcessRunner
{
    private const int SigInt = 2;
    private const int ErrorTailLines = 40;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    /// <param name="onOutputLine">Called for each stdout line (progress); when null stdout is collected.</param>
    public static async Task<ProcessResult> RunAsync(
        string binary, IReadOnlyList<string> arguments, FFOptions options, TimeSpan timeout,
        Action<string>? onOutputLine, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = CreateStartInfo(binary, arguments, options) };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MediaException($"Could not start {binary}: {e.Message}. Is ffmpeg installed?");
        }

        process.StandardInput.Close();
        var stdout = new System.Text.StringBuilder();
        var errorTail = new Queue<string>();
        var readOut = DrainAsync(process.StandardOutput, line =>
        {
            if (onOutputLine is null) stdout.AppendLine(line); else onOutputLine(line);
        });
        var readErr = DrainAsync(process.StandardError, line =>
        {
            lock (errorTail)
            {
                errorTail.Enqueue(line);
                if (errorTail.Count > ErrorTailLines) errorTail.Dequeue();
            }
        });

        using var timeoutSource = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process, options.CancelGracePeriod);
            await Task.WhenAll(readOut, readErr);
            cancellationToken.ThrowIfCancellationRequested();
            throw new MediaException($"{Path.GetFileName(binary)} took longer than {timeout} and was stopped.", Tail(errorTail));
        }

        await Task.WhenAll(readOut, readErr);
        return new ProcessResult(process.ExitCode, stdout.ToString(), Tail(errorTail));
    }

    private static ProcessStartInfo CreateStartInfo(string binary, IReadOnlyList<string> arguments, FFOptions options)
    {
        // `nice` execs the binary in place, so the pid we signal is ffmpeg's own.
        var useNice = options.NiceLevel > 0 && File.Exists("/usr/bin/nice");
        var info = new ProcessStartInfo(useNice ? "/usr/bin/nice" : binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        if (useNice)
        {
            info.ArgumentList.Add("-n");
            info.ArgumentList.Add(options.NiceLevel.ToString(System.Globalization.CultureInfo.InvariantCulture));
            info.ArgumentList.Add(binary);
        }
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return info;
    }

    private static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited) return;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) SendSignal(process.Id, SigInt);
        using var graceSource = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(graceSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task DrainAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is { } line) onLine(line);
    }

    private static string Tail(Queue<string> lines)
    {
        lock (lines) return string.Join('\n', lines);
    }
}
