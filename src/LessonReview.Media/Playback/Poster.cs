using LessonReview.Media.Processing;

namespace LessonReview.Media.Playback;

/// <summary>
/// The lesson's poster: from the middle of the video, the frame the `thumbnail` filter finds most
/// representative (classrooms often open on a black or blurred frame); the first frame as fallback.
/// </summary>
internal static class Poster
{
    public static async Task WriteAsync(FFMpeg ffmpeg, string video, TimeSpan duration, string poster, CancellationToken cancellationToken)
    {
        var middle = PlaybackPipeline.Seconds(duration.TotalSeconds / 2);
        var representative = FFMpegArguments.FromFileInput(video, InputPolicy.OwnOutput, "-ss", middle)
            .OutputToFile(poster, "-vf", "thumbnail=50", "-frames:v", "1", "-q:v", "3", "-update", "1");
        await ffmpeg.ProcessAsynchronously(representative, TimeSpan.Zero, null, TimeSpan.FromMinutes(2), cancellationToken);
        if (new FileInfo(poster) is { Exists: true, Length: > 0 }) return;

        var first = FFMpegArguments.FromFileInput(video, InputPolicy.OwnOutput)
            .OutputToFile(poster, "-frames:v", "1", "-q:v", "3", "-update", "1");
        await ffmpeg.ProcessAsynchronously(first, TimeSpan.Zero, null, TimeSpan.FromMinutes(2), cancellationToken);
    }
}
