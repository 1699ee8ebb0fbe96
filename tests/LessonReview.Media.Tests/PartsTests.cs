using LessonReview.Media.Playback;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;
using LessonReview.Media.Tools;
using LessonReview.TestSupport;

namespace LessonReview.Media.Tests;

/// <summary>
/// A long lesson encoded in parts (here 8 s parts of a 40 s lesson) plays as one: the same frames,
/// timestamps running on without a jump where parts meet, whoever encoded each part.
/// </summary>
public sealed class PartsTests : IDisposable
{
    private readonly TempFolder _output = new();
    private static readonly FFMpegSettings Options = new();
    private static readonly PlaybackSettings InParts = new() { ChunkSeconds = 8 };
    private readonly PlaybackPipeline _pipeline = new(new MediaProbe(Options), new FFMpegRunner(Options), InParts);

    public void Dispose() => _output.Dispose();

    [Fact]
    public void A_lesson_is_cut_into_whole_parts_on_segment_boundaries_the_last_taking_the_rest()
    {
        var parts = LessonChunk.For(TimeSpan.FromSeconds(30), InParts);

        Assert.Equal([(0.0, 8.0, 0), (8, 8, 2), (16, 14, 4)], parts.Select(p => (p.Start.TotalSeconds, p.Length.TotalSeconds, p.FirstSegment)));
        Assert.Equal([false, false, true], parts.Select(p => p.Last));
        Assert.Single(LessonChunk.For(TimeSpan.FromSeconds(15), InParts)); // shorter than two parts: whole
        Assert.Single(LessonChunk.For(TimeSpan.FromHours(1), new PlaybackSettings { ChunkSeconds = 0 }));
    }

    [Fact]
    public async Task Parts_encoded_by_two_workers_join_into_one_playlist_with_every_frame_once_and_no_jump()
    {
        var source = await TestClips.Hd1080Async(40, h264: false);
        var sink = new RecordingSink(_output.File("published"));
        var queue = new PartsQueue();
        // "Another worker": its own pipeline, taking parts from the same queue as soon as they are offered.
        var other = new PlaybackPipeline(new MediaProbe(Options), new FFMpegRunner(Options), InParts);
        queue.OtherWorker = part => other.EncodePartAsync(source, InputPolicy.LocalFile, _output.File($"other-{part.Index}"), part, sink, null);

        var progress = new List<double>();
        var result = await _pipeline.RunAsync(source, InputPolicy.LocalFile, _output.File("work"), progress.Add, sink: sink, parts: queue);

        Assert.Equal(5, queue.Encoded.Count + 1); // parts 1 to 4 went through the queue, part 0 was the lesson's own
        Assert.Contains("other", queue.Encoded.Values);
        Assert.Single(sink.Playable);
        Assert.InRange(sink.Playable[0].Duration.TotalSeconds, 39.5, 40.5); // the whole length, known from the start
        foreach (var (_, text, before) in sink.Playlists)
            Assert.All(HlsPublisher.PlaylistFiles(text), file => Assert.Contains(file, before)); // nothing named before it is there
        // Until the last part is in, the playlists stay open (a player keeps waiting for more).
        var mains = sink.Playlists.Where(p => p.Name == HlsNames.Playlist(HlsNames.Main)).Select(p => p.Text).ToList();
        Assert.All(mains[..^1], text => Assert.DoesNotContain(HlsStitcher.EndList, text));
        Assert.Contains(HlsStitcher.EndList, mains[^1]);
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(1.0, progress[^1]);
        Assert.InRange(result.Duration.TotalSeconds, 39.5, 40.5);
        Assert.True(File.Exists(Path.Combine(_output.File("work"), result.PosterFile)));
        Assert.NotEmpty(result.StoryboardSheets);

        foreach (var rendition in new[] { HlsNames.Main, HlsNames.Low })
        {
            var playlist = Path.Combine(_output.File("published"), HlsNames.Playlist(rendition));
            var segments = HlsPublisher.PlaylistFiles(await File.ReadAllTextAsync(playlist)).Skip(1).ToList();
            Assert.Equal(Enumerable.Range(0, segments.Count).Select(i => $"{rendition}-{i:00000}.m4s"), segments);
            var video = await TestClips.PacketTimesAsync(playlist, "v:0");
            var audio = await TestClips.PacketTimesAsync(playlist, "a:0");
            Assert.Equal(1200, video.Count); // 40 s at 30 fps: no frame lost or doubled where parts meet
            Assert.Equal(video.Count, video.Distinct().Count()); // no two frames at one moment
            var steps = video.Zip(video.Skip(1), (a, b) => b - a).ToList();
            Assert.True(steps.Max() < 0.05, $"a jump of {steps.Max():0.000} s in the {rendition} picture");
            Assert.InRange(audio[^1] - audio[0], 39.5, 40.5);
        }
    }

    [Fact]
    public async Task A_part_that_fails_is_tried_again_alone()
    {
        var source = await TestClips.Hd1080Async(40, h264: false);
        var sink = new FailingOnceSink(new RecordingSink(_output.File("published")), failing: "main-00003.m4s"); // in part 1
        var queue = new PartsQueue();

        await _pipeline.RunAsync(source, InputPolicy.LocalFile, _output.File("work"), null, sink: sink, parts: queue);

        Assert.Equal([1], queue.GivenBack);
        Assert.Equal([1, 2, 3, 4, 1], queue.Taken); // part 1 again, not the lesson from the start
        var playlist = await File.ReadAllTextAsync(Path.Combine(_output.File("published"), HlsNames.Playlist(HlsNames.Main)));
        Assert.Contains("main-00003.m4s", playlist);
        Assert.Contains(HlsStitcher.EndList, playlist);
    }

    /// <summary>The job queue's part in memory: parts offered, taken by us or by "another worker", finished, given back.</summary>
    internal sealed class PartsQueue : IChunkQueue
    {
        private readonly Lock _gate = new();
        private readonly Queue<LessonChunk> _open = new();
        private readonly List<FinishedPart> _finished = [];
        private Task _other = Task.CompletedTask;
        public Func<LessonChunk, Task<PartPlaylists>>? OtherWorker { get; set; }
        public Dictionary<int, string> Encoded { get; } = [];
        public List<int> Taken { get; } = [];
        public List<int> GivenBack { get; } = [];

        public Task QueueAsync(IReadOnlyList<LessonChunk> parts, CancellationToken cancellationToken)
        {
            lock (_gate) foreach (var part in parts) _open.Enqueue(part);
            if (OtherWorker is { } work) _other = Task.Run(async () =>
            {
                while (Take("other") is { } part) Finish(part, await work(part));
            }, cancellationToken);
            return Task.CompletedTask;
        }

        public Task<LessonChunk?> TakeAsync(CancellationToken cancellationToken) => Task.FromResult(Take("own"));

        public Task CompleteAsync(LessonChunk part, PartPlaylists playlists, CancellationToken cancellationToken)
        {
            Finish(part, playlists);
            return Task.CompletedTask;
        }

        public Task GiveBackAsync(LessonChunk part, Exception error, CancellationToken cancellationToken)
        {
            lock (_gate) { GivenBack.Add(part.Index); _open.Enqueue(part); }
            return Task.CompletedTask;
        }

        public async Task<IReadOnlyList<FinishedPart>> FinishedAsync(CancellationToken cancellationToken)
        {
            if (_other.IsFaulted) await _other;
            lock (_gate) return [.. _finished];
        }

        public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(100, cancellationToken);

        private LessonChunk? Take(string who)
        {
            lock (_gate)
            {
                if (!_open.TryDequeue(out var part)) return null;
                Taken.Add(part.Index);
                Encoded[part.Index] = who;
                return part;
            }
        }

        private void Finish(LessonChunk part, PartPlaylists playlists)
        {
            lock (_gate) _finished.Add(new FinishedPart(part, playlists));
        }
    }

    /// <summary>Storage refusing one file once (a network blip while a part is stored).</summary>
    private sealed class FailingOnceSink(IPlaybackSink inner, string failing) : IPlaybackSink
    {
        private bool _failed;

        public Task PublishAsync(string name, string localPath, string contentType, CancellationToken cancellationToken)
        {
            if (name != failing || _failed) return inner.PublishAsync(name, localPath, contentType, cancellationToken);
            _failed = true;
            throw new IOException("The storage account did not answer.");
        }

        public Task PlayableAsync(PlayableLesson lesson, CancellationToken cancellationToken) => inner.PlayableAsync(lesson, cancellationToken);
    }
}
