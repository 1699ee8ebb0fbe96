using LessonReview.Media.Processing;

namespace LessonReview.Media.Playback;

/// <summary>
/// The lesson's poster where the encode did not make one (the fast path decodes nothing): from the
/// middle of the video, the keyframe the `thumbnail` filter finds most representative among the next
/// ten (classrooms often open on a black or blurred frame); the first frame as fallback. Keyframes
/// only: decoding every frame there cost 0.8 s on a 1080p remux.
/// </summary>
internal static class Poster
{
    public static async Task WriteAsync(
        FFMpegRunner ffmpeg, string video, InputPolicy policy, TimeSpan duration, string poster, CancellationToken cancellationToken)
    {
        var middle = PlaybackPipeline.Seconds(duration.TotalSeconds / 2);
        var representative = FFMpegJob.From(video, policy, "-skip_frame", "nokey", "-ss", middle)
            .To(poster, "-vf", "thumbnail=10", "-frames:v", "1", "-q:v", "3", "-update", "1");
        await ffmpeg.RunAsync(representative, TimeSpan.Zero, null, TimeSpan.FromMinutes(2), cancellationToken);
        if (new FileInfo(poster) is { Exists: true, Length: > 0 }) return;
        await WriteFirstFrameAsync(ffmpeg, video, policy, poster, cancellationToken);
    }

    public static async Task WriteFirstFrameAsync(
        FFMpegRunner ffmpeg, string video, InputPolicy policy, string poster, CancellationToken cancellationToken)
    {
        var first = FFMpegJob.From(video, policy).To(poster, "-frames:v", "1", "-q:v", "3", "-update", "1");
        await ffmpeg.RunAsync(first, TimeSpan.Zero, null, TimeSpan.FromMinutes(2), cancellationToken);
    }
}
