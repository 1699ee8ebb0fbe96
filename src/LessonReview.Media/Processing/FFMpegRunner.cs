using System.Globalization;
using FFMpegCore;
using FFMpegCore.Exceptions;
using LessonReview.Media.Tools;

namespace LessonReview.Media.Processing;

/// <summary>
/// Runs <see cref="FFMpegJob"/>s through FFMpegCore with progress, a time limit and cancellation
/// (FFMpegCore writes <c>q</c>, then kills after <see cref="FFMpegSettings.CancelGracePeriod"/>).
/// A run that fails, times out or is cancelled leaves no output file behind.
/// </summary>
public sealed class FFMpegRunner(FFMpegSettings settings)
{
    private const int ErrorTailLines = 40;
    private readonly FFOptions _options = FFMpegBinaries.OptionsFor(settings);

    /// <summary>Threads each run may use (Media:Threads); 0 lets ffmpeg choose.</summary>
    public int Threads => settings.Threads;

    /// <summary>
    /// Runs one job. <paramref name="onProgress"/> receives 0–1 against <paramref name="totalDuration"/>.
    /// Throws <see cref="OperationCanceledException"/> when cancelled, <see cref="MediaException"/>
    /// (with the tail of ffmpeg's errors) when ffmpeg fails or passes <paramref name="timeout"/>.
    /// </summary>
    public async Task RunAsync(
        FFMpegJob job, TimeSpan totalDuration, Action<double>? onProgress, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = MediaTelemetry.Source.StartActivity("ffmpeg " + (job.Label is "" ? Path.GetExtension(job.Output).TrimStart('.') : job.Label));
        activity?.SetTag("process.command_args", job.CommandLine(settings.Threads));
        try
        {
            await RunCoreAsync(job, totalDuration, onProgress, timeout, cancellationToken);
        }
        catch (Exception e)
        {
            MediaTelemetry.Fail(activity, e);
            throw;
        }
    }

    private async Task RunCoreAsync(
        FFMpegJob job, TimeSpan totalDuration, Action<double>? onProgress, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        FFMpegResult? result = null;
        try
        {
            result = await job.ToProcessor(settings.Threads)
                .NotifyOnStandardOutput(line => ReportProgress(line, totalDuration, onProgress))
                .CancellableThrough(stop.Token, settings.CancelGracePeriod)
                .ProcessAsynchronously(throwOnError: false, _options);
        }
        catch (OperationCanceledException)
        {
            // handled below, with the result-based cancellation
        }
        catch (FFMpegException e)
        {
            DeleteOutput(job);
            throw new MediaException($"Could not run ffmpeg: {e.Message} Is ffmpeg installed?");
        }

        if (result is { Cancelled: false, ExitCode: 0 } && !stop.IsCancellationRequested) return;

        DeleteOutput(job);
        cancellationToken.ThrowIfCancellationRequested();
        if (result is null || result.Cancelled || stop.IsCancellationRequested)
            throw new MediaException($"ffmpeg took longer than {timeout} and was stopped.", Tail(result?.StandardError), timedOut: true);
        throw new MediaException($"ffmpeg exited with code {result.ExitCode}.", Tail(result.StandardError), result.ExitCode);
    }

    internal static void ReportProgress(string line, TimeSpan total, Action<double>? onProgress)
    {
        if (onProgress is null || total <= TimeSpan.Zero) return;
        // out_time_us is microseconds (out_time_ms is too, for historical reasons).
        const string key = "out_time_us=";
        if (!line.StartsWith(key, StringComparison.Ordinal)) return;
        if (!long.TryParse(line.AsSpan(key.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros)) return;
        onProgress(Math.Clamp(micros / 1_000_000.0 / total.TotalSeconds, 0, 1));
    }

    // The last lines only: enough to explain a failure, never a whole log in an error message.
    internal static string Tail(IReadOnlyList<string>? lines) =>
        lines is null ? "" : string.Join('\n', lines.Skip(Math.Max(0, lines.Count - ErrorTailLines)));

    // A cut-short MP4 has no index and plays nowhere: never leave one for the next step to pick up.
    private static void DeleteOutput(FFMpegJob job)
    {
        if (job.Output.Contains('%', StringComparison.Ordinal)) return; // an image sequence: its folder is the caller's
        try { File.Delete(job.Output); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
