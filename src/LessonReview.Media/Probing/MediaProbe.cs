using FFMpegCore;
using FFMpegCore.Exceptions;
using LessonReview.Media.Processing;
using LessonReview.Media.Tools;

namespace LessonReview.Media.Probing;

/// <summary>Probes media through FFMpegCore's <see cref="FFProbe"/>, under an <see cref="InputPolicy"/> and a time limit.</summary>
public sealed class MediaProbe(FFMpegSettings settings)
{
    // ffprobe runs at normal priority: it is short and a user waits for its answer.
    private readonly FFOptions _options = FFMpegBinaries.OptionsFor(settings with { NiceLevel = 0 });

    /// <summary>Analyses a file (or a URL the policy allows); throws <see cref="MediaException"/> when ffprobe cannot read it.</summary>
    public async Task<MediaAnalysis> AnalyseAsync(string input, InputPolicy policy, CancellationToken cancellationToken = default)
    {
        using var activity = MediaTelemetry.Source.StartActivity("ffprobe");
        try
        {
            return await AnalyseCoreAsync(input, policy, cancellationToken);
        }
        catch (Exception e)
        {
            MediaTelemetry.Fail(activity, e);
            throw;
        }
    }

    private async Task<MediaAnalysis> AnalyseCoreAsync(string input, InputPolicy policy, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(settings.ProbeTimeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var whitelist = ArgumentText.Join(policy.ToArguments());
        try
        {
            // A URL goes to ffprobe as is (the policy decides whether it may be opened); a path must exist.
            var analysis = Uri.TryCreate(input, UriKind.Absolute, out var uri) && uri.Scheme is not "file"
                ? await FFProbe.AnalyseAsync(uri, _options, whitelist, stop.Token)
                : await FFProbe.AnalyseAsync(input, _options, whitelist, stop.Token);
            return MediaAnalysis.From(analysis);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaException($"ffprobe took longer than {settings.ProbeTimeout} and was stopped.");
        }
        catch (FFProbeProcessException e)
        {
            throw new MediaException("ffprobe could not read the file.", FFMpegRunner.Tail(e.StandardError), e.ExitCode);
        }
        catch (Exception e) when (e is FFMpegException or FFProbeException or FileNotFoundException or System.Text.Json.JsonException)
        {
            throw new MediaException($"ffprobe could not read the file: {e.Message}", e.Message);
        }
    }
}
