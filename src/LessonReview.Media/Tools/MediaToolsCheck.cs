using LessonReview.Media.Probing;
using LessonReview.Media.Processing;

namespace LessonReview.Media.Tools;

/// <summary>
/// Proves ffmpeg and ffprobe work (health checks): ffmpeg writes a one-frame clip once, and each
/// check probes it, which costs one short ffprobe run.
/// </summary>
public sealed class MediaToolsCheck(FFMpegRunner ffmpeg, MediaProbe probe)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _clip;

    /// <summary>Throws <see cref="MediaException"/> when either tool cannot run.</summary>
    public async Task<string> CheckAsync(CancellationToken cancellationToken = default)
    {
        var clip = await ClipAsync(cancellationToken);
        var analysis = await probe.AnalyseAsync(clip, InputPolicy.OwnOutput, cancellationToken);
        return $"ffmpeg and ffprobe run ({analysis.PrimaryVideoStream?.CodecName} clip read back).";
    }

    private async Task<string> ClipAsync(CancellationToken cancellationToken)
    {
        if (_clip is { } ready && File.Exists(ready)) return ready;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_clip is { } again && File.Exists(again)) return again;
            var path = Path.Combine(Path.GetTempPath(), $"lessonreview-health-{Guid.NewGuid():N}.mp4");
            var job = FFMpegJob.From("color=c=black:s=16x16:d=0.04", new InputPolicy("file", "lavfi"), "-f", "lavfi")
                .To(path, "-frames:v", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f", "mp4");
            await ffmpeg.RunAsync(job, TimeSpan.Zero, null, TimeSpan.FromSeconds(30), cancellationToken);
            return _clip = path;
        }
        finally
        {
            _gate.Release();
        }
    }
}
