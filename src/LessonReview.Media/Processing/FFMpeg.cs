using System.Globalization;
using LessonReview.Media.Processes;

namespace LessonReview.Media.Processing;

/// <summary>Runs ffmpeg with progress and cancellation (mirrors FFMpegCore's ProcessAsynchronously).</summary>
public sealed class FFMpeg(FFOptions options)
{
    /// <summary>Threads each run may use (Media:Threads); 0 lets ffmpeg choose.</summary>
    public int Threads => options.Threads;

    /// <summary>
    /// Runs one ffmpeg command. <paramref name="onProgress"/> receives 0–1 against
    /// <paramref name="totalDuration"/>; cancellation sends SIGINT, then kills after a grace period.
    /// </summary>
    public async Task ProcessAsynchronously(
        FFMpegArguments arguments, TimeSpan totalDuration, Action<double>? onProgress,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var result = await ProcessRunner.RunAsync(options.FFMpegPath, arguments.Build(options.Threads), options,
            timeout, line => ReportProgress(line, totalDuration, onProgress), cancellationToken);
        if (result.ExitCode != 0)
            throw new MediaException($"ffmpeg exited with code {result.ExitCode}.", result.ErrorTail, result.ExitCode);
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
}
