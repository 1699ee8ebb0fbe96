using LessonReview.Media.Probing;
using LessonReview.Media.Tools;
using LessonReview.TestSupport;

namespace LessonReview.Media.Tests;

/// <summary>A crafted upload must not make ffmpeg read other files or reach the network.</summary>
public sealed class InputPolicyTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MediaProbe _probe = new(new FFMpegSettings());

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Hls_playlist_pointing_at_a_local_file_is_refused()
    {
        var secret = await TestClips.LandscapeH264Async();
        var playlist = _folder.File("lesson.mp4");
        await File.WriteAllTextAsync(playlist, $"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:5,\nfile://{secret}\n#EXT-X-ENDLIST\n");

        var error = await Assert.ThrowsAsync<MediaException>(() => _probe.AnalyseAsync(playlist, InputPolicy.LocalFile));
        Assert.Contains("whitelist", error.ErrorOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Concat_list_is_refused()
    {
        var secret = await TestClips.LandscapeH264Async();
        var list = _folder.File("lesson.mov");
        await File.WriteAllTextAsync(list, $"ffconcat version 1.0\nfile '{secret}'\n");

        await Assert.ThrowsAsync<MediaException>(() => _probe.AnalyseAsync(list, InputPolicy.LocalFile));
    }

    [Fact]
    public async Task Network_url_is_refused_for_local_inputs()
    {
        var error = await Assert.ThrowsAsync<MediaException>(
            () => _probe.AnalyseAsync("http://127.0.0.1:9/lesson.mp4", InputPolicy.LocalFile));
        Assert.Contains("whitelist", error.ErrorOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_real_recording_is_allowed()
    {
        var analysis = await _probe.AnalyseAsync(await TestClips.LandscapeH264Async(), InputPolicy.LocalFile);
        Assert.Equal("h264", analysis.PrimaryVideoStream!.CodecName);
    }
}
