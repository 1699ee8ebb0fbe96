using System.Globalization;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;

namespace LessonReview.Media.Playback;

/// <summary>
/// Decides how a probed source becomes a browser-playable MP4: a remux when the source already is
/// H.264 + AAC (watchable minutes earlier), otherwise an H.264/AAC encode capped at MaxHeight.
/// </summary>
public sealed record PlaybackPlan(bool FastPath, int Width, int Height, IReadOnlyList<string> OutputOptions)
{
    private static readonly HashSet<string> PlayableH264Profiles =
        new(["High", "Main", "Baseline", "Constrained Baseline"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Chooses the plan; throws <see cref="UnplayableMediaException"/> when there is no picture.</summary>
    public static PlaybackPlan For(MediaAnalysis source, PlaybackSettings settings)
    {
        var video = source.PrimaryVideoStream ?? throw new UnplayableMediaException(
            "This file has no video picture in it (it may be an audio recording, an image or a document). " +
            "Please upload the video file your phone or camera recorded.");
        if (source.Duration <= TimeSpan.Zero)
            throw new UnplayableMediaException(
                "This video has no length: the file may have been cut short while copying. Please upload the original recording again.");

        if (IsBrowserPlayable(source, video))
        {
            return new PlaybackPlan(true, video.DisplayWidth, video.DisplayHeight,
                ["-map", $"0:{video.Index}", "-map", "0:a:0?", "-c", "copy", "-sn", "-dn", "-movflags", "+faststart", "-f", "mp4"]);
        }

        var (width, height) = ScaledSize(video.DisplayWidth, video.DisplayHeight, settings.MaxHeight);
        // Peers' choices (DESIGN.md): veryfast, bitrate capped near the source's, keyframes every N s
        // regardless of scene cuts so seeking is quick, stereo AAC because browsers mishandle more.
        var maxRate = Math.Clamp((long)((video.BitRate ?? source.BitRate ?? 3_000_000) * 1.3), 800_000, 4_000_000);
        string[] options =
        [
            "-map", $"0:{video.Index}", "-map", "0:a:0?",
            "-vf", $"scale={width}:{height}:flags=bicubic,format=yuv420p",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-maxrate", Invariant(maxRate), "-bufsize", Invariant(maxRate * 2),
            "-force_key_frames", $"expr:gte(t,n_forced*{settings.KeyframeSeconds})",
            "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000",
            "-sn", "-dn", "-movflags", "+faststart", "-f", "mp4",
        ];
        return new PlaybackPlan(false, width, height, options);
    }

    /// <summary>The ffmpeg command that writes the playable MP4.</summary>
    public FFMpegJob ToJob(string input, InputPolicy policy, string output) =>
        FFMpegJob.From(input, policy).To(output, [.. OutputOptions]);

    internal static bool IsBrowserPlayable(MediaAnalysis source, VideoStream video) =>
        video.CodecName == "h264"
        && video.Profile is not null && PlayableH264Profiles.Contains(video.Profile)
        && video.PixelFormat == "yuv420p"
        && (source.PrimaryAudioStream is null || source.PrimaryAudioStream.CodecName == "aac");

    /// <summary>Caps the short side at <paramref name="maxShortSide"/>, keeps the aspect, even dimensions.</summary>
    internal static (int Width, int Height) ScaledSize(int width, int height, int maxShortSide)
    {
        var shortSide = Math.Min(width, height);
        var scale = shortSide > maxShortSide ? (double)maxShortSide / shortSide : 1.0;
        return (Even(width * scale), Even(height * scale));
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
