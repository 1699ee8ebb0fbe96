using LessonReview.Media.Playback;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;
using LessonReview.Media.Tools;
using LessonReview.TestSupport;

namespace LessonReview.Media.Tests;

/// <summary>Real ffmpeg on generated clips: every kind of recording a trainee uploads ends playable or with a clear reason.</summary>
public sealed class PipelineTests : IDisposable
{
    private readonly TempFolder _output = new();
    private static readonly FFMpegSettings Options = new();
    private readonly MediaProbe _probe = new(Options);
    private readonly PlaybackPipeline _pipeline = new(new MediaProbe(Options), new FFMpegRunner(Options), new PlaybackSettings());

    public void Dispose() => _output.Dispose();

    [Fact]
    public async Task Landscape_h264_takes_the_fast_path_and_keeps_resolution()
    {
        var progress = new List<double>();
        var result = await _pipeline.RunAsync(await TestClips.LandscapeH264Async(), InputPolicy.LocalFile, _output.Path, progress.Add);

        Assert.True(result.FastPath);
        Assert.Equal((1280, 720), (result.Width, result.Height));
        await AssertPlayableAsync(result, expectedSeconds: 5, expectAudio: true);
        Assert.Equal(1.0, progress[^1]);
        Assert.Equal(progress.Order(), progress); // never goes backwards
    }

    [Fact]
    public async Task Portrait_hevc_mov_is_encoded_upright()
    {
        var result = await _pipeline.RunAsync(await TestClips.PortraitHevcMovAsync(), InputPolicy.LocalFile, _output.Path, null);

        Assert.False(result.FastPath);
        var video = (await ProbeMainAsync()).PrimaryVideoStream!;
        // Pixels are stored portrait with no rotation left for the player to apply.
        Assert.Equal((360, 640, 0), (video.Width, video.Height, video.Rotation));
        await AssertPlayableAsync(result, expectedSeconds: 4, expectAudio: true);
    }

    [Fact]
    public async Task Clip_without_audio_becomes_a_silent_h264_video()
    {
        var result = await _pipeline.RunAsync(await TestClips.NoAudioAviAsync(), InputPolicy.LocalFile, _output.Path, null);

        Assert.False(result.FastPath);
        Assert.Equal((640, 480), (result.Width, result.Height));
        await AssertPlayableAsync(result, expectedSeconds: 4, expectAudio: false);
    }

    [Fact]
    public async Task Vp9_opus_webm_is_encoded_to_h264_aac()
    {
        var result = await _pipeline.RunAsync(await TestClips.Vp9OpusWebmAsync(), InputPolicy.LocalFile, _output.Path, null);

        Assert.False(result.FastPath);
        await AssertPlayableAsync(result, expectedSeconds: 4, expectAudio: true);
        var audio = (await ProbeMainAsync()).PrimaryAudioStream!;
        Assert.Equal(("aac", 2), (audio.CodecName, audio.Channels));
    }

    [Fact]
    public async Task Variable_frame_rate_422_video_is_encoded_to_yuv420p()
    {
        var result = await _pipeline.RunAsync(await TestClips.VariableFrameRateMkvAsync(), InputPolicy.LocalFile, _output.Path, null);

        Assert.False(result.FastPath);
        var video = (await ProbeMainAsync()).PrimaryVideoStream!;
        Assert.Equal("yuv420p", video.PixelFormat);
        await AssertPlayableAsync(result, expectedSeconds: 4, expectAudio: false);
    }

    [Fact]
    public async Task Large_video_is_capped_at_the_configured_height()
    {
        var pipeline = new PlaybackPipeline(_probe, new FFMpegRunner(Options), new PlaybackSettings { MaxHeight = 360 });
        var result = await pipeline.RunAsync(await TestClips.NoAudioAviAsync(), InputPolicy.LocalFile, _output.Path, null);

        Assert.Equal((480, 360), (result.Width, result.Height));
    }

    [Fact]
    public async Task A_job_capped_to_one_thread_still_makes_video_poster_and_storyboard()
    {
        var capped = new FFMpegSettings { Threads = 1 };
        var pipeline = new PlaybackPipeline(new MediaProbe(capped), new FFMpegRunner(capped), new PlaybackSettings());

        var result = await pipeline.RunAsync(await TestClips.Vp9OpusWebmAsync(), InputPolicy.LocalFile, _output.Path, null);

        await AssertPlayableAsync(result, expectedSeconds: 4, expectAudio: true);
    }

    public static TheoryData<string> BadInputs => new() { "text", "image", "empty", "truncated", "audio-only" };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Unusable_uploads_fail_with_a_message_a_trainee_can_act_on(string kind)
    {
        var path = kind switch
        {
            "text" => await TestClips.TextFileAsync(),
            "image" => await TestClips.PngImageAsync(),
            "empty" => await TestClips.EmptyFileAsync(),
            "truncated" => await TestClips.TruncatedMp4Async(),
            _ => await TestClips.AudioOnlyAsync(),
        };

        var error = await Assert.ThrowsAsync<UnplayableMediaException>(
            () => _pipeline.RunAsync(path, InputPolicy.LocalFile, _output.Path, null));

        Assert.Contains("upload", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ffmpeg", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(_output.File(HlsNames.MasterPlaylist)), "a refused lesson publishes no playlist");
    }

    [Fact]
    public async Task An_hd_recording_gets_a_720p_and_a_360p_rung_from_one_decode_with_its_poster_and_storyboard()
    {
        var progress = new List<double>();
        var result = await _pipeline.RunAsync(await TestClips.Hd1080Async(20, h264: false), InputPolicy.LocalFile, _output.Path, progress.Add);

        // Progress moves from the first segments on, not only once the encode reaches the poster's moment (the middle).
        Assert.Contains(progress, p => p is > 0 and < 0.9 * 0.5);
        Assert.Equal(progress.Order(), progress);

        Assert.False(result.FastPath);
        Assert.Equal([(HlsNames.Main, 1280, 720), (HlsNames.Low, 640, 360)], result.Renditions.Select(r => (r.Name, r.Width, r.Height)));
        var master = await File.ReadAllTextAsync(_output.File(HlsNames.MasterPlaylist));
        Assert.Contains("RESOLUTION=1280x720", master);
        Assert.Contains("RESOLUTION=640x360", master);
        // The low rung advertises less bandwidth, so hls.js steps down to it on a slow school network.
        var bandwidths = System.Text.RegularExpressions.Regex.Matches(master, @"BANDWIDTH=(\d+)").Select(m => long.Parse(m.Groups[1].Value)).ToList();
        Assert.True(bandwidths[1] < bandwidths[0] / 2, master);
        var low = await _probe.AnalyseAsync(_output.File(HlsNames.Playlist(HlsNames.Low)), InputPolicy.OwnPresentation);
        Assert.Equal((640, 360), (low.PrimaryVideoStream!.Width, low.PrimaryVideoStream.Height));
        await AssertPlayableAsync(result, expectedSeconds: 20, expectAudio: true);
    }

    [Fact]
    public async Task A_sink_receives_every_segment_before_the_playlist_that_names_it_and_hears_playable_once()
    {
        var sink = new RecordingSink(_output.File("published"));
        var result = await _pipeline.RunAsync(await TestClips.LandscapeH264Async(), InputPolicy.LocalFile, _output.File("work"), null, sink: sink);

        Assert.Single(sink.Playable);
        Assert.InRange(sink.Playable[0].Duration.TotalSeconds, 4.5, 5.5);
        // Each playlist as published names only files published before it.
        foreach (var (name, text, before) in sink.Playlists)
            Assert.All(HlsPublisher.PlaylistFiles(text), file => Assert.Contains(file, before));
        // The last copy of each playlist is the finished one.
        var final = sink.Playlists.Last(p => p.Name == HlsNames.Playlist(HlsNames.Main)).Text;
        Assert.Contains("#EXT-X-ENDLIST", final);
        Assert.Contains(HlsNames.MasterPlaylist, sink.Published);
        Assert.Equal(HlsNames.MasterPlaylist, result.Playlist);
    }

    [Fact]
    public async Task The_storyboard_grows_while_the_lesson_encodes_and_ends_covering_all_of_it()
    {
        var sink = new RecordingSink(_output.File("published"));
        var result = await _pipeline.RunAsync(await TestClips.Hd1080Async(40, h264: false), InputPolicy.LocalFile, _output.File("work"), null, sink: sink);

        // Published before the encode ended (the last playlist has its end), covering part of the lesson.
        Assert.NotEmpty(sink.Storyboards);
        var ended = sink.Playlists.FindIndex(p => p.Text.Contains("#EXT-X-ENDLIST"));
        Assert.Contains(PlaybackPipeline.StoryboardVttFileName, sink.Playlists[ended].Before);
        var early = sink.Storyboards[0].Vtt;
        var final = await File.ReadAllTextAsync(Path.Combine(_output.File("work"), result.StoryboardVttFile!));
        Assert.InRange(Cues(early), 1, Cues(final) - 1);
        Assert.Equal(20, Cues(final)); // one every 2 s of a 40 s lesson
        Assert.StartsWith(final[..final.IndexOf("\n\n", 10, StringComparison.Ordinal)], early); // the same first cue: previews never move
        Assert.True(File.Exists(Path.Combine(_output.File("published"), Storyboard.SheetName(1))));

        static int Cues(string vtt) => vtt.Split("-->").Length - 1;
    }

    private Task<Probing.MediaAnalysis> ProbeMainAsync() =>
        _probe.AnalyseAsync(_output.File(HlsNames.Playlist(HlsNames.Main)), InputPolicy.OwnPresentation);

    private async Task AssertPlayableAsync(PlaybackResult result, double expectedSeconds, bool expectAudio)
    {
        var output = await ProbeMainAsync();
        var video = output.PrimaryVideoStream!;
        Assert.Equal("h264", video.CodecName);
        Assert.Equal("yuv420p", video.PixelFormat);
        Assert.True(video.Width % 2 == 0 && video.Height % 2 == 0, "dimensions must be even for yuv420p");
        Assert.InRange(output.Duration.TotalSeconds, expectedSeconds - 0.5, expectedSeconds + 0.5);
        Assert.InRange(result.Duration.TotalSeconds, expectedSeconds - 0.5, expectedSeconds + 0.5);
        Assert.Equal(expectAudio, output.PrimaryAudioStream is not null);
        // HLS with fMP4 segments: an initialisation segment, then media segments, and a finished playlist.
        var playlist = await File.ReadAllTextAsync(_output.File(HlsNames.Playlist(HlsNames.Main)));
        Assert.Contains($"#EXT-X-MAP:URI=\"{HlsNames.Init(HlsNames.Main)}\"", playlist);
        Assert.Contains("#EXT-X-ENDLIST", playlist);
        Assert.Contains(HlsNames.Playlist(HlsNames.Main), await File.ReadAllTextAsync(_output.File(result.Playlist)));

        Assert.True(new FileInfo(_output.File(result.PosterFile)).Length > 0);
        var vtt = await File.ReadAllTextAsync(_output.File(result.StoryboardVttFile!));
        Assert.StartsWith("WEBVTT", vtt);
        Assert.All(result.StoryboardSheets, sheet => Assert.True(File.Exists(_output.File(sheet))));
        Assert.Contains($"{result.StoryboardSheets[0]}#xywh=0,0,160,", vtt);
    }
}
