using System.Globalization;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;

namespace LessonReview.Media.Playback;

/// <summary>
/// Turns a recorded lesson into video.mp4 + poster.jpg + storyboard sprites and VTT in a folder.
/// Progress: 0–0.9 while the video is written, the rest for poster and storyboard (cheap: they read
/// keyframes of the small output, not the source).
/// </summary>
public sealed class PlaybackPipeline(MediaProbe probe, FFMpegRunner ffmpeg, PlaybackSettings settings)
{
    public const string VideoFileName = "video.mp4";
    public const string PosterFileName = "poster.jpg";
    public const string StoryboardVttFileName = "storyboard.vtt";
    private const double VideoShare = 0.9;

    public async Task<PlaybackResult> RunAsync(
        string source, InputPolicy sourcePolicy, string outputFolder, Action<double>? onProgress,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outputFolder);
        var analysis = await AnalyseSourceAsync(source, sourcePolicy, cancellationToken);
        var plan = PlaybackPlan.For(analysis, settings, new FileInfo(source) is { Exists: true } file ? file.Length : 0);
        var budget = settings.TimeBudget(analysis.Duration);

        var video = Path.Combine(outputFolder, VideoFileName);
        try
        {
            await ffmpeg.RunAsync(plan.ToJob(source, sourcePolicy, video), analysis.Duration,
                p => onProgress?.Invoke(p * VideoShare), budget, cancellationToken);
        }
        catch (MediaException e) when (e.TimedOut)
        {
            throw new UnplayableMediaException(
                "Making this video playable took longer than {0} minutes, far more than a lesson of its length needs: " +
                "the file is unusual. Export it again from your phone or camera (MP4), and ask your coordinator if it happens again.",
                [(long)Math.Ceiling(budget.TotalMinutes)], e);
        }
        catch (MediaException e) when (LooksOutOfMemory(e.ErrorOutput))
        {
            throw new UnplayableMediaException(
                "This video needs more memory to decode than LessonReview allows for one lesson (its picture or format is unusually large). " +
                "Export a smaller copy (1080p or 720p) from your phone or camera and upload that.", e);
        }
        catch (MediaException e) when (LooksCorrupt(e.ErrorOutput))
        {
            throw new UnplayableMediaException(
                "The video could not be read to the end: the file seems damaged or was cut short. Please upload the original recording again.", e);
        }

        // Measure what we actually wrote: the player, poster and storyboard must agree with it.
        var output = await probe.AnalyseAsync(video, InputPolicy.OwnOutput, cancellationToken);
        var outVideo = output.PrimaryVideoStream
            ?? throw new MediaException("The encoded video has no picture; ffmpeg produced an empty file.");
        onProgress?.Invoke(VideoShare);

        // Poster and storyboard read different parts of the output: side by side, unless the job has a
        // thread budget (Media:Threads), which two processes at once would exceed.
        var posterPath = Path.Combine(outputFolder, PosterFileName);
        IReadOnlyList<string> sheets;
        if (ffmpeg.Threads > 0)
        {
            await Poster.WriteAsync(ffmpeg, video, output.Duration, posterPath, cancellationToken);
            sheets = await StoryboardWriter.WriteAsync(ffmpeg, video, output.Duration, outVideo, settings, outputFolder, cancellationToken);
        }
        else
        {
            var poster = Poster.WriteAsync(ffmpeg, video, output.Duration, posterPath, cancellationToken);
            var storyboard = StoryboardWriter.WriteAsync(ffmpeg, video, output.Duration, outVideo, settings, outputFolder, cancellationToken);
            await Task.WhenAll(poster, storyboard);
            sheets = await storyboard;
        }
        onProgress?.Invoke(1);

        return new PlaybackResult(plan.FastPath, output.Duration, outVideo.DisplayWidth, outVideo.DisplayHeight,
            outVideo.CodecName, output.PrimaryAudioStream is not null, VideoFileName, PosterFileName,
            sheets.Count > 0 ? StoryboardVttFileName : null, sheets);
    }

    private async Task<MediaAnalysis> AnalyseSourceAsync(string source, InputPolicy policy, CancellationToken cancellationToken)
    {
        if (new FileInfo(source) is { Exists: true, Length: 0 })
            throw new UnplayableMediaException("The uploaded file is empty (0 bytes). Please choose the recording again and upload it.");
        try
        {
            return await probe.AnalyseAsync(source, policy, cancellationToken);
        }
        catch (MediaException e)
        {
            throw new UnplayableMediaException(
                "This file is not a video LessonReview can read. It may be an image, a document, or a recording " +
                "that was cut short while copying. Please upload the original video file from your phone or camera " +
                "(MP4, MOV, WebM, MKV or AVI).", e);
        }
    }

    // ffmpeg under Media:MemoryLimitMiB fails its allocations with ENOMEM.
    private static bool LooksOutOfMemory(string errorOutput) =>
        errorOutput.Contains("Cannot allocate memory", StringComparison.OrdinalIgnoreCase)
        || errorOutput.Contains("Out of memory", StringComparison.OrdinalIgnoreCase)
        || errorOutput.Contains("Could not allocate", StringComparison.OrdinalIgnoreCase)
        || errorOutput.Contains("malloc", StringComparison.OrdinalIgnoreCase);

    // Errors that mean the bytes themselves are bad, as opposed to a crash or a full disk.
    private static bool LooksCorrupt(string errorOutput) =>
        errorOutput.Contains("Invalid data found", StringComparison.OrdinalIgnoreCase)
        || errorOutput.Contains("moov atom not found", StringComparison.OrdinalIgnoreCase)
        || errorOutput.Contains("partial file", StringComparison.OrdinalIgnoreCase);

    internal static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
