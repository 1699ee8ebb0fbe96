using System.Globalization;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;

namespace LessonReview.Media.Playback;

/// <summary>
/// Decides how a probed source becomes HLS (fMP4 segments) a browser plays: a remux when the source
/// already is H.264 + AAC (watchable in seconds), otherwise an H.264/AAC encode capped at MaxHeight
/// plus a low-bandwidth rung, made by <see cref="HlsCommand"/>.
/// </summary>
public sealed record PlaybackPlan(bool FastPath, int VideoIndex, bool HasAudio, IReadOnlyList<Rendition> Renditions)
{
    private static readonly HashSet<string> PlayableH264Profiles =
        new(["High", "Main", "Baseline", "Constrained Baseline"], StringComparer.OrdinalIgnoreCase);

    public int Width => Renditions[0].Width;

    public int Height => Renditions[0].Height;

    /// <summary>
    /// Chooses the plan; throws <see cref="UnplayableMediaException"/>, with a sentence for the trainee,
    /// when there is no picture or the file is outside the limits (<see cref="CheckLimits"/>).
    /// </summary>
    public static PlaybackPlan For(MediaAnalysis source, PlaybackSettings settings, long sourceBytes = 0)
    {
        var video = source.PrimaryVideoStream ?? throw new UnplayableMediaException(
            "This file has no video picture in it (it may be an audio recording, an image or a document). " +
            "Please upload the video file your phone or camera recorded.");
        if (source.Duration <= TimeSpan.Zero)
            throw new UnplayableMediaException(
                "This video has no length: the file may have been cut short while copying. Please upload the original recording again.");

        CheckLimits(source, video, settings, sourceBytes);
        var hasAudio = source.PrimaryAudioStream is not null;

        if (IsBrowserPlayable(source, video) && Math.Min(video.DisplayWidth, video.DisplayHeight) <= settings.FastPathMaxHeight)
            return new PlaybackPlan(true, video.Index, hasAudio, [new Rendition(HlsNames.Main, video.DisplayWidth, video.DisplayHeight, 0, null, video.Rotation)]);

        // Peers' choices (DESIGN.md): veryfast, bitrate capped near the source's, stereo AAC because
        // browsers mishandle more. The low rung only where it is really smaller than the main one.
        var (width, height) = ScaledSize(video.DisplayWidth, video.DisplayHeight, settings.MaxHeight);
        var maxRate = Math.Clamp((long)((video.BitRate ?? source.BitRate ?? 3_000_000) * 1.3), 800_000, 4_000_000);
        var renditions = new List<Rendition> { new(HlsNames.Main, width, height, maxRate, "128k") };
        if (settings.LowRungHeight > 0 && Math.Min(width, height) > settings.LowRungHeight * 1.5)
        {
            var (lowWidth, lowHeight) = ScaledSize(width, height, settings.LowRungHeight);
            renditions.Add(new Rendition(HlsNames.Low, lowWidth, lowHeight, Math.Min(maxRate / 4, 800_000), "64k"));
        }
        return new PlaybackPlan(false, video.Index, hasAudio, renditions);
    }

    /// <summary>
    /// Refuses, within the seconds a probe takes, what would tie the worker up or make a lesson no
    /// browser plays: a picture larger than <see cref="PlaybackSettings.MaxPixels"/>, a lesson longer
    /// than <see cref="PlaybackSettings.MaxDuration"/>, and a length the file's size cannot hold
    /// (broken timestamps: a 23 KB file "10 hours" long).
    /// </summary>
    internal static void CheckLimits(MediaAnalysis source, VideoStream video, PlaybackSettings settings, long sourceBytes)
    {
        if ((long)video.Width * video.Height > settings.MaxPixels)
            throw new UnplayableMediaException(
                "The picture of this video is {0}×{1} pixels, larger than LessonReview accepts " +
                "(about {2} megapixels, e.g. 4K). Record at 4K or below, or export a smaller copy, and upload that.",
                [video.Width, video.Height, Megapixels(settings.MaxPixels)]);
        if (source.Duration > settings.MaxDuration)
            throw new UnplayableMediaException(
                "This video says it is {0} minutes long; LessonReview accepts lessons up to {1} minutes. " +
                "If the lesson really is shorter, the file's timing is damaged: export it again from your phone or camera. Otherwise trim it first.",
                [Minutes(source.Duration), Minutes(settings.MaxDuration)]);
        if (sourceBytes > 0 && source.Duration > TimeSpan.FromMinutes(2)
            && sourceBytes * 8 / source.Duration.TotalSeconds < settings.MinBitsPerSecond)
            throw new UnplayableMediaException(
                "This file says it is {0} minutes long but holds only {1} KB, far too little for that much video: " +
                "its timing is damaged. Export the recording again from your phone or camera and upload that copy.",
                [Minutes(source.Duration), (sourceBytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)]);
    }

    /// <summary>Whole minutes, rounded up: a number every language can put in its own sentence.</summary>
    private static long Minutes(TimeSpan duration) => (long)Math.Ceiling(duration.TotalMinutes);

    private static string Megapixels(long pixels) => (pixels / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture);

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
}
