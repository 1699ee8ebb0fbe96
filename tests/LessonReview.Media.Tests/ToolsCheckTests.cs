using LessonReview.Media.Probing;
using LessonReview.Media.Processing;
using LessonReview.Media.Tools;
using LessonReview.TestSupport;

namespace LessonReview.Media.Tests;

/// <summary>What /health reports about ffmpeg: it runs, or a message that says what to install.</summary>
public sealed class ToolsCheckTests
{
    [Fact]
    public async Task Installed_ffmpeg_and_ffprobe_pass()
    {
        var settings = new FFMpegSettings();
        var message = await new MediaToolsCheck(new FFMpegRunner(settings), new MediaProbe(settings)).CheckAsync();
        Assert.Contains("h264", message);
    }

    [Fact]
    public async Task A_folder_without_ffmpeg_fails_with_advice()
    {
        using var empty = new TempFolder();
        var settings = new FFMpegSettings { BinaryFolder = empty.Path };

        var error = await Assert.ThrowsAsync<MediaException>(() =>
            new MediaToolsCheck(new FFMpegRunner(settings), new MediaProbe(settings)).CheckAsync());

        Assert.Contains("ffmpeg", error.Message);
    }
}
