using LessonReview.Media.Playback;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;
using LessonReview.Media.Tools;
using LessonReview.TestSupport;

namespace LessonReview.Media.Tests;

/// <summary>
/// Phones film portrait classes as turned pixels plus a display rotation. Whatever the path (the
/// fast remux of H.264, the encode of HEVC, an encode in parts) the picture a player decodes from
/// the published presentation is upright: 360×640 with the clip's red marker in its top-left corner.
/// So are the poster and the storyboard's first thumbnail.
/// </summary>
public sealed class RotationTests : IDisposable
{
    private readonly TempFolder _output = new();
    private static readonly FFMpegSettings Options = new();

    public void Dispose() => _output.Dispose();

    public static TheoryData<string, int> Phones => new()
    {
        { "h264", 90 }, { "h264", 180 }, { "h264", 270 },
        { "hevc", 90 }, { "hevc", 180 }, { "hevc", 270 },
    };

    [Theory]
    [MemberData(nameof(Phones))]
    public async Task A_portrait_phone_recording_plays_upright_with_an_upright_poster_and_storyboard(string codec, int rotation)
    {
        var source = await TestClips.PortraitPhoneAsync(codec, rotation);
        Assert.False((await TestClips.UprightPicture(await StoredPixelsAsync(source))).Upright); // the pixels really are turned
        var pipeline = new PlaybackPipeline(new MediaProbe(Options), new FFMpegRunner(Options), new PlaybackSettings());
        var published = _output.File("published");

        var result = await pipeline.RunAsync(source, InputPolicy.LocalFile, _output.File("work"), null, sink: new RecordingSink(published));

        Assert.Equal(codec == "h264", result.FastPath);
        Assert.Equal((360, 640), (result.Width, result.Height));
        Assert.Equal((360, 640, true), await TestClips.UprightPicture(await PlayedAsync(published, segment: 0)));
        Assert.Equal((360, 640, true), await TestClips.UprightPicture(Path.Combine(_output.File("work"), result.PosterFile)));
        Assert.True(await FirstThumbnailUprightAsync(Path.Combine(_output.File("work"), result.StoryboardSheets[0]), result), "the storyboard's first thumbnail is upright");
    }

    [Fact]
    public async Task Without_a_sink_the_written_presentation_is_upright_too()
    {
        var pipeline = new PlaybackPipeline(new MediaProbe(Options), new FFMpegRunner(Options), new PlaybackSettings());

        var result = await pipeline.RunAsync(await TestClips.PortraitPhoneAsync("h264", 90), InputPolicy.LocalFile, _output.Path, null);

        Assert.True(result.FastPath);
        Assert.Equal((360, 640, true), await TestClips.UprightPicture(await PlayedAsync(_output.Path, segment: 0)));
    }

    [Fact]
    public async Task A_portrait_lesson_encoded_in_parts_plays_upright_in_every_part()
    {
        var source = await TestClips.PortraitPhoneAsync("hevc", 270, seconds: 20);
        var inParts = new PlaybackSettings { ChunkSeconds = 8 };
        var pipeline = new PlaybackPipeline(new MediaProbe(Options), new FFMpegRunner(Options), inParts);
        var published = _output.File("published");
        var queue = new PartsTests.PartsQueue();

        await pipeline.RunAsync(source, InputPolicy.LocalFile, _output.File("work"), null, sink: new RecordingSink(published), parts: queue);

        Assert.NotEmpty(queue.Encoded); // the later parts went through the queue
        var segments = HlsPublisher.PlaylistFiles(await File.ReadAllTextAsync(Path.Combine(published, HlsNames.Playlist(HlsNames.Main))))
            .Count(f => f.EndsWith(".m4s", StringComparison.Ordinal));
        foreach (var segment in new[] { 0, segments / 2, segments - 1 })
            Assert.Equal((360, 640, true), await TestClips.UprightPicture(await PlayedAsync(published, segment)));
    }

    [Theory]
    [InlineData(0, new[] { 65536, 0, 0, 0, 65536, 0, 0, 0, 1 << 30 })]
    [InlineData(90, new[] { 0, 65536, 0, -65536, 0, 0, 0, 0, 1 << 30 })]
    [InlineData(-90, new[] { 0, -65536, 0, 65536, 0, 0, 0, 0, 1 << 30 })]
    public void The_matrix_is_the_one_ffmpeg_writes_for_a_clockwise_turn(int degrees, int[] expected) =>
        Assert.Equal(expected, DisplayRotation.Matrix(degrees));

    /// <summary>The stored pixels with no rotation applied.</summary>
    private async Task<string> StoredPixelsAsync(string source)
    {
        var raw = _output.File("stored.mkv");
        await TestClips.FFmpegAsync("-noautorotate", "-i", source, "-frames:v", "1", "-c:v", "ffv1", raw);
        return raw;
    }

    /// <summary>What a player fetches for one moment: the rendition's init segment and one media segment, joined.</summary>
    private async Task<string> PlayedAsync(string folder, int segment)
    {
        var playlist = await File.ReadAllTextAsync(Path.Combine(folder, HlsNames.Playlist(HlsNames.Main)));
        var files = HlsPublisher.PlaylistFiles(playlist).ToList();
        var media = files.Where(f => f.EndsWith(".m4s", StringComparison.Ordinal)).ElementAt(segment);
        var joined = _output.File($"played-{segment}.mp4");
        await using (var output = File.Create(joined))
            foreach (var part in new[] { HlsNames.Init(HlsNames.Main), media })
                await using (var input = File.OpenRead(Path.Combine(folder, part))) await input.CopyToAsync(output);
        return joined;
    }

    /// <summary>Crops the sheet's first thumbnail and checks it as a picture of its own.</summary>
    private async Task<bool> FirstThumbnailUprightAsync(string sheet, PlaybackResult result)
    {
        var vtt = await File.ReadAllTextAsync(Path.Combine(_output.File("work"), result.StoryboardVttFile!));
        var xywh = System.Text.RegularExpressions.Regex.Match(vtt, @"#xywh=(\d+),(\d+),(\d+),(\d+)");
        var (w, h) = (xywh.Groups[3].Value, xywh.Groups[4].Value);
        var thumb = _output.File("thumb.png");
        await TestClips.FFmpegAsync("-i", sheet, "-vf", $"crop={w}:{h}:0:0", "-frames:v", "1", thumb);
        var (width, height, upright) = await TestClips.UprightPicture(thumb);
        return upright && height > width;
    }
}
