using LessonReview.Media.Processes;

namespace LessonReview.Media.Probing;

/// <summary>Runs ffprobe (mirrors FFMpegCore's FFProbe.AnalyseAsync).</summary>
public sealed class FFProbe(FFOptions options)
{
    /// <summary>Analyses a media file; throws <see cref="MediaException"/> when ffprobe cannot read it.</summary>
    public async Task<MediaAnalysis> AnalyseAsync(string input, InputPolicy policy, CancellationToken cancellationToken = default)
    {
        string[] arguments =
        [
            "-v", "error", .. policy.ToArguments(),
            "-print_format", "json", "-show_streams", "-show_format", input,
        ];
        var result = await ProcessRunner.RunAsync(options.FFProbePath, arguments, options with { NiceLevel = 0 },
            options.ProbeTimeout, onOutputLine: null, cancellationToken);
        if (result.ExitCode != 0)
            throw new MediaException("ffprobe could not read the file.", result.ErrorTail, result.ExitCode);
        return MediaAnalysis.Parse(result.StandardOutput);
    }

    /// <summary>The ffprobe version line, for health checks.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        var result = await ProcessRunner.RunAsync(options.FFProbePath, ["-version"], options with { NiceLevel = 0 },
            TimeSpan.FromSeconds(10), onOutputLine: null, cancellationToken);
        return result.StandardOutput.Split('\n', 2)[0].Trim();
    }
}
