using System.Globalization;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;

namespace LessonReview.Media.Playback;

/// <summary>
/// Turns a recorded lesson into an HLS presentation (index.m3u8, fMP4 segments) + poster.jpg +
/// storyboard sprites and VTT in a folder. With an <see cref="IPlaybackSink"/> the segments are
/// published while ffmpeg writes them, so the lesson plays seconds after the job starts.
/// Progress: 0–0.9 while the video is written, the rest for the storyboard's tiles (and, on the
/// fast path, poster and thumbnails, which read the source's keyframes after playback is possible).
/// With an <see cref="IChunkQueue"/> a long encoded lesson is made in parts any worker may take
/// (PlaybackPipeline.Parts.cs).
/// </summary>
public sealed partial class PlaybackPipeline(MediaProbe probe, FFMpegRunner ffmpeg, PlaybackSettings settings)
{
    /// <summary>The single MP4 lessons processed before HLS have (still served).</summary>
    public const string LegacyVideoFileName = "video.mp4";
    public const string PosterFileName = "poster.jpg";
    public const string StoryboardVttFileName = "storyboard.vtt";
    private const double VideoShare = 0.9;

    /// <summary>How often new segments are looked for while ffmpeg writes (also the worst extra delay before playable).</summary>
    internal static readonly TimeSpan PublishInterval = TimeSpan.FromMilliseconds(250);

    public async Task<PlaybackResult> RunAsync(
        string source, InputPolicy sourcePolicy, string outputFolder, Action<double>? onProgress,
        CancellationToken cancellationToken = default, IPlaybackSink? sink = null, IChunkQueue? parts = null)
    {
        Directory.CreateDirectory(outputFolder);
        var (analysis, plan) = await PlanAsync(source, sourcePolicy, cancellationToken);
        var budget = settings.TimeBudget(analysis.Duration);
        if (!plan.FastPath && sink is not null && parts is not null && LessonChunk.For(analysis.Duration, settings) is { Count: > 1 } chunks)
            return await RunInPartsAsync(source, sourcePolicy, outputFolder, analysis, plan, chunks, parts, sink, new MonotonicProgress(onProgress), cancellationToken);

        // The full path's one decode also makes the storyboard thumbnails and the poster.
        var posterPath = Path.Combine(outputFolder, PosterFileName);
        var layout = analysis.Duration >= Storyboard.MinimumDuration
            ? Storyboard.For(analysis.Duration, plan.Width, plan.Height, settings.ThumbnailWidth) : null;
        var thumbs = layout is null || plan.FastPath ? null : Path.Combine(outputFolder, "thumbs");
        if (thumbs is not null) Directory.CreateDirectory(thumbs);
        var pictures = plan.FastPath ? null : new PictureOutputs(thumbs, layout, posterPath, analysis.Duration / 2);

        var job = HlsCommand.For(plan, source, sourcePolicy, outputFolder, settings, pictures);
        var publisher = sink is null ? null : new HlsPublisher(outputFolder, plan.Renditions, sink,
            new PlayableLesson(plan.FastPath, analysis.Duration, plan.Width, plan.Height, HlsNames.MasterPlaylist));
        // ffmpeg reports progress only once every output has started (the poster's starts mid-lesson),
        // so what the playlist already holds counts too; whichever is further is shown.
        var progress = new MonotonicProgress(onProgress);
        var mainPlaylist = Path.Combine(outputFolder, HlsNames.Playlist(HlsNames.Main));

        // Fast path: nothing decodes the source for playback, so poster and thumbnails read its
        // keyframes while the (disk-bound) copy runs; with a thread budget (Media:Threads) they wait for it.
        using var stopPictures = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fastPictures = plan.FastPath && ffmpeg.Threads == 0
            ? PicturesFromKeyframesAsync(source, sourcePolicy, analysis.Duration, layout, posterPath, outputFolder, stopPictures.Token) : null;
        try
        {
            // Scrubbing previews while it encodes, from the thumbnails the decode writes, once it is watchable.
            var storyboard = sink is null || thumbs is null || layout is null ? null
                : new GrowingStoryboard(ffmpeg, thumbs, layout, analysis.Duration, outputFolder, sink);
            await EncodeAndPublishAsync(job, analysis.Duration, budget, publisher, f => progress.Report(f * VideoShare), mainPlaylist, cancellationToken,
                storyboard is null ? null : token => publisher!.Playable ? storyboard.PublishAsync(token) : Task.CompletedTask);
        }
        catch when (fastPictures is not null)
        {
            await stopPictures.CancelAsync();
            await fastPictures.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }

        // With a sink the publisher turned each init segment before publishing it; without one the folder is the result.
        if (publisher is null)
            foreach (var rendition in plan.Renditions.Where(r => r.Rotation != 0))
                DisplayRotation.WriteTo(Path.Combine(outputFolder, HlsNames.Init(rendition.Name)), rendition.Rotation);

        // Measure what we actually wrote: the player, poster and storyboard must agree with it.
        var duration = WrittenDuration(mainPlaylist);
        if (duration <= TimeSpan.Zero)
            throw new MediaException("The encoded video has no segments; ffmpeg produced an empty presentation.");
        progress.Report(VideoShare);

        IReadOnlyList<string> sheets;
        if (plan.FastPath)
        {
            sheets = await (fastPictures ?? PicturesFromKeyframesAsync(source, sourcePolicy, duration, layout, posterPath, outputFolder, cancellationToken));
        }
        else
        {
            if (new FileInfo(posterPath) is not { Exists: true, Length: > 0 })
                await Poster.WriteFirstFrameAsync(ffmpeg, source, sourcePolicy, posterPath, cancellationToken);
            sheets = layout is null ? [] : await StoryboardWriter.TileAsync(ffmpeg, thumbs!, duration, layout, outputFolder, cancellationToken);
        }
        if (thumbs is not null && Directory.Exists(thumbs)) Directory.Delete(thumbs, recursive: true);
        progress.Report(1);

        return new PlaybackResult(plan.FastPath, duration, plan.Width, plan.Height, plan.HasAudio, HlsNames.MasterPlaylist, plan.Renditions,
            PosterFileName, sheets.Count > 0 ? StoryboardVttFileName : null, sheets);
    }

    /// <summary>
    /// Runs ffmpeg, publishing what it has written every <see cref="PublishInterval"/>, and once more at
    /// the end; <paramref name="reportDone"/> hears the share of <paramref name="duration"/> written.
    /// </summary>
    private async Task EncodeAndPublishAsync(
        FFMpegJob job, TimeSpan duration, TimeSpan budget, HlsPublisher? publisher, Action<double> reportDone, string mainPlaylist,
        CancellationToken cancellationToken, Func<CancellationToken, Task>? alsoEachTick = null)
    {
        try
        {
            using var stopEncode = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var encode = ffmpeg.RunAsync(job, duration, reportDone, budget, stopEncode.Token);
            try
            {
                while (await Task.WhenAny(encode, Task.Delay(PublishInterval, cancellationToken)) != encode)
                {
                    if (publisher is not null) await publisher.PublishNewAsync(cancellationToken);
                    if (alsoEachTick is not null) await alsoEachTick(cancellationToken);
                    reportDone(Math.Min(1, WrittenDuration(mainPlaylist) / duration));
                }
            }
            catch
            {
                // Storage refused a segment (or we were cancelled): stop ffmpeg before giving up.
                await stopEncode.CancelAsync();
                await encode.ContinueWith(_ => { }, TaskScheduler.Default);
                throw;
            }
            await encode;
        }
        catch (MediaException e)
        {
            DiscardPresentation(Path.GetDirectoryName(mainPlaylist)!); // nothing half-written is left to be taken for the lesson
            throw Explain(e, budget);
        }
        // The last pass publishes the playlists with their end (#EXT-X-ENDLIST).
        if (publisher is not null) await publisher.PublishNewAsync(cancellationToken);
    }

    /// <summary>Poster and storyboard from the source's keyframes (the fast path, and lessons in parts: no decode of theirs sees the whole lesson).</summary>
    private async Task<IReadOnlyList<string>> PicturesFromKeyframesAsync(
        string source, InputPolicy policy, TimeSpan duration, Storyboard? layout, string posterPath, string outputFolder, CancellationToken cancellationToken)
    {
        await Poster.WriteAsync(ffmpeg, source, policy, duration, posterPath, cancellationToken);
        return layout is null ? [] : await StoryboardWriter.WriteAsync(ffmpeg, source, policy, duration, layout, outputFolder, cancellationToken);
    }

    /// <summary>The trainee's sentence for an ffmpeg failure that says something about the file; others stay as they are (and are retried).</summary>
    private static Exception Explain(MediaException e, TimeSpan budget)
    {
        if (e.TimedOut)
            return new UnplayableMediaException(
                "Making this video playable took longer than {0} minutes, far more than a lesson of its length needs: " +
                "the file is unusual. Export it again from your phone or camera (MP4), and ask your coordinator if it happens again.",
                [(long)Math.Ceiling(budget.TotalMinutes)], e);
        if (LooksOutOfMemory(e.ErrorOutput))
            return new UnplayableMediaException(
                "This video needs more memory to decode than LessonReview allows for one lesson (its picture or format is unusually large). " +
                "Export a smaller copy (1080p or 720p) from your phone or camera and upload that.", e);
        if (LooksCorrupt(e.ErrorOutput))
            return new UnplayableMediaException(
                "The video could not be read to the end: the file seems damaged or was cut short. Please upload the original recording again.", e);
        return e;
    }

    private static void DiscardPresentation(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => HlsNames.IsHlsFile(Path.GetFileName(f))))
            File.Delete(file);
    }

    /// <summary>The sum of a media playlist's segment durations (#EXTINF); zero before ffmpeg wrote it.</summary>
    internal static TimeSpan WrittenDuration(string playlist) =>
        File.Exists(playlist) ? PlaylistDuration(File.ReadAllText(playlist)) : TimeSpan.Zero;

    internal static TimeSpan PlaylistDuration(string playlist) => TimeSpan.FromSeconds(playlist.Split('\n')
        .Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
        .Sum(l => double.Parse(l[8..].Trim().TrimEnd(',').Split(',')[0], CultureInfo.InvariantCulture)));

    private async Task<(MediaAnalysis Analysis, PlaybackPlan Plan)> PlanAsync(string source, InputPolicy policy, CancellationToken cancellationToken)
    {
        var analysis = await AnalyseSourceAsync(source, policy, cancellationToken);
        return (analysis, PlaybackPlan.For(analysis, settings, new FileInfo(source) is { Exists: true } file ? file.Length : 0));
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

    /// <summary>Progress from two reporters (ffmpeg's thread and the publishing loop), passed on only when it moves forward.</summary>
    private sealed class MonotonicProgress(Action<double>? onProgress)
    {
        private readonly Lock _gate = new();
        private double _reported;

        public void Report(double value)
        {
            lock (_gate)
            {
                if (value <= _reported) return;
                _reported = value;
                onProgress?.Invoke(value);
            }
        }
    }
}
