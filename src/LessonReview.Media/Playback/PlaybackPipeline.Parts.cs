using LessonReview.Media.Probing;
using LessonReview.Media.Processing;

namespace LessonReview.Media.Playback;

/// <summary>
/// Long encoded lessons in parts (<see cref="LessonChunk"/>): the lesson's own job offers every part
/// but the first to all workers, encodes the first while publishing it (playable as before), then
/// takes whatever part nobody has started, and publishes the joined playlists each time the parts
/// finished so far run on from the start. Its poster and storyboard come from the source's keyframes
/// while other workers still encode (no part sees the whole lesson).
/// </summary>
public sealed partial class PlaybackPipeline
{
    private async Task<PlaybackResult> RunInPartsAsync(
        string source, InputPolicy policy, string folder, MediaAnalysis analysis, PlaybackPlan plan, IReadOnlyList<LessonChunk> chunks,
        IChunkQueue queue, IPlaybackSink sink, MonotonicProgress progress, CancellationToken cancellationToken)
    {
        await queue.QueueAsync(chunks.Skip(1).ToList(), cancellationToken);
        var duration = analysis.Duration;
        var finished = new Dictionary<int, FinishedPart>();
        var joined = 0; // parts published in the lesson's playlists, from the first
        void Report(double partsDone) => progress.Report(Math.Min(1, partsDone / duration.TotalSeconds) * VideoShare);
        double SecondsDone() => finished.Values.Sum(p => p.Part.Length.TotalSeconds);

        // The first part, published as it is written: the lesson is playable as soon as without parts.
        var publisher = new HlsPublisher(folder, plan.Renditions, sink,
            new PlayableLesson(false, duration, plan.Width, plan.Height, HlsNames.MasterPlaylist), keepOpen: true);
        var first = chunks[0];
        await EncodeAndPublishAsync(HlsCommand.For(plan, source, policy, folder, settings, chunk: first), first.Length,
            settings.TimeBudget(first.Length), publisher, f => Report(f * first.Length.TotalSeconds),
            Path.Combine(folder, HlsNames.Playlist(HlsNames.Main)), cancellationToken);
        finished[0] = new FinishedPart(first, ReadPlaylists(folder, plan));
        joined = 1;

        Task<IReadOnlyList<string>>? pictures = null;
        using var stopPictures = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var posterPath = Path.Combine(folder, PosterFileName);
        var layout = Storyboard.For(duration, plan.Width, plan.Height, settings.ThumbnailWidth);
        try
        {
            while (true)
            {
                foreach (var done in await queue.FinishedAsync(cancellationToken)) finished.TryAdd(done.Part.Index, done);
                Report(SecondsDone());
                joined = await PublishJoinedAsync(publisher, plan, chunks, finished, joined, cancellationToken);
                if (finished.Count == chunks.Count) break;

                if (await queue.TakeAsync(cancellationToken) is { } part)
                {
                    var partFolder = Path.Combine(folder, $"part-{part.Index}");
                    var before = SecondsDone();
                    try
                    {
                        var playlists = await EncodePartAsync(plan, source, policy, partFolder, part, sink,
                            f => Report(before + f * part.Length.TotalSeconds), cancellationToken);
                        await queue.CompleteAsync(part, playlists, cancellationToken);
                        finished[part.Index] = new FinishedPart(part, playlists);
                    }
                    catch (Exception e) when (e is not UnplayableMediaException && !cancellationToken.IsCancellationRequested)
                    {
                        await queue.GiveBackAsync(part, e, cancellationToken); // that part alone is tried again
                    }
                    continue;
                }
                // Nothing left to take: the pictures now, while other workers finish their parts.
                pictures ??= PicturesFromKeyframesAsync(source, policy, duration, layout, posterPath, folder, stopPictures.Token);
                if (pictures.IsCompleted) await queue.WaitAsync(cancellationToken);
                else await Task.WhenAny(pictures, queue.WaitAsync(cancellationToken));
            }
            pictures ??= PicturesFromKeyframesAsync(source, policy, duration, layout, posterPath, folder, stopPictures.Token);
            var sheets = await pictures;
            var written = finished.Values.Aggregate(TimeSpan.Zero, (sum, p) => sum + PlaylistDuration(p.Playlists.ByRendition[HlsNames.Main]));
            progress.Report(1);
            return new PlaybackResult(false, written, plan.Width, plan.Height, plan.HasAudio, HlsNames.MasterPlaylist, plan.Renditions,
                PosterFileName, sheets.Count > 0 ? StoryboardVttFileName : null, sheets);
        }
        catch when (pictures is not null)
        {
            await stopPictures.CancelAsync(); // the lesson failed: its pictures' ffmpeg stops too, its files go with the folder
            await pictures.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>
    /// One part of a lesson, for a worker other than the lesson's own: probed and planned again from
    /// the original (the plan only depends on it and the settings, which every worker shares), encoded
    /// into <paramref name="folder"/>, its segments published through <paramref name="sink"/>.
    /// </summary>
    public async Task<PartPlaylists> EncodePartAsync(
        string source, InputPolicy policy, string folder, LessonChunk part, IPlaybackSink sink, Action<double>? onProgress,
        CancellationToken cancellationToken = default)
    {
        var (_, plan) = await PlanAsync(source, policy, cancellationToken);
        if (plan.FastPath) throw new InvalidOperationException("This lesson is remuxed whole, not encoded in parts: are the workers' Media settings the same?");
        return await EncodePartAsync(plan, source, policy, folder, part, sink, onProgress ?? (_ => { }), cancellationToken);
    }

    private async Task<PartPlaylists> EncodePartAsync(
        PlaybackPlan plan, string source, InputPolicy policy, string folder, LessonChunk part, IPlaybackSink sink, Action<double> onProgress,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        try
        {
            await EncodeAndPublishAsync(HlsCommand.For(plan, source, policy, folder, settings, chunk: part), part.Length,
                settings.TimeBudget(part.Length), null, onProgress, Path.Combine(folder, HlsNames.Playlist(HlsNames.Main)), cancellationToken);
            var playlists = ReadPlaylists(folder, plan);
            // The segments only: every part's initialisation segment is the first part's (HlsCommand.ChunkOptions).
            foreach (var file in playlists.ByRendition.Values.SelectMany(HlsPublisher.PlaylistFiles).Where(f => f.EndsWith(".m4s", StringComparison.Ordinal)))
                await sink.PublishAsync(file, Path.Combine(folder, file), HlsNames.ContentType(file), cancellationToken);
            return playlists;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Publishes the playlists joined from the first part up to the first one missing; returns how many parts they hold.</summary>
    private static async Task<int> PublishJoinedAsync(
        HlsPublisher publisher, PlaybackPlan plan, IReadOnlyList<LessonChunk> chunks, Dictionary<int, FinishedPart> finished, int joined,
        CancellationToken cancellationToken)
    {
        var run = 0;
        while (finished.ContainsKey(run)) run++;
        if (run == joined) return joined;
        var complete = run == chunks.Count;
        foreach (var rendition in plan.Renditions)
        {
            var parts = Enumerable.Range(0, run).Select(i => finished[i].Playlists.ByRendition[rendition.Name]).ToList();
            await publisher.PublishPlaylistAsync(HlsNames.Playlist(rendition.Name), HlsStitcher.Join(parts, complete), cancellationToken);
        }
        return run;
    }

    private static PartPlaylists ReadPlaylists(string folder, PlaybackPlan plan) => new(plan.Renditions.ToDictionary(
        r => r.Name, r => File.ReadAllText(Path.Combine(folder, HlsNames.Playlist(r.Name)))));
}
