using System.Diagnostics;
using LessonReview.Media.Playback;
using LessonReview.Media.Probing;
using LessonReview.Media.Processing;
using LessonReview.Media.Tools;
using LessonReview.TestSupport;

namespace LessonReview.Media.Tests;

/// <summary>
/// Files built to tie the worker up are refused with a sentence a trainee understands, without
/// writing a video: a huge picture, a tiny file "10 hours" long, a lesson over the length limit,
/// memory beyond the ceiling, and a run over its time budget.
/// </summary>
public sealed class MediaLimitTests : IDisposable
{
    private readonly TempFolder _output = new();

    public void Dispose() => _output.Dispose();

    private static PlaybackPipeline Pipeline(PlaybackSettings settings, FFMpegSettings? ffmpeg = null)
    {
        ffmpeg ??= new FFMpegSettings();
        return new PlaybackPipeline(new MediaProbe(ffmpeg), new FFMpegRunner(ffmpeg), settings);
    }

    private async Task<UnplayableMediaException> RefusedAsync(PlaybackPipeline pipeline, string source)
    {
        var refused = await Assert.ThrowsAsync<UnplayableMediaException>(
            () => pipeline.RunAsync(source, InputPolicy.LocalFile, _output.Path, null));
        Assert.False(File.Exists(_output.File(HlsNames.MasterPlaylist)), "a refused lesson leaves no video behind");
        return refused;
    }

    [Fact]
    public async Task A_picture_larger_than_the_limit_is_refused_before_any_decoding()
    {
        var refused = await RefusedAsync(Pipeline(new PlaybackSettings()), await TestClips.HugePictureAsync());

        Assert.Contains("5000×5000", refused.Message);
        Assert.Contains("4K", refused.Message);
    }

    [Fact]
    public async Task A_tiny_file_claiming_ten_hours_is_refused_as_damaged_timing()
    {
        var refused = await RefusedAsync(Pipeline(new PlaybackSettings()), await TestClips.TimestampGapAsync());

        // The values are kept apart from the sentence, for the reader's language: about ten hours, against the four allowed.
        Assert.InRange(long.Parse(refused.Values[0]), 600, 601);
        Assert.Equal("240", refused.Values[1]);
        Assert.Contains($"{refused.Values[0]} minutes", refused.Message);
        Assert.Contains("timing is damaged", refused.Message);
    }

    [Fact]
    public async Task A_lesson_longer_than_the_limit_is_refused()
    {
        var refused = await RefusedAsync(Pipeline(new PlaybackSettings { MaxDuration = TimeSpan.FromSeconds(3) }), await TestClips.LandscapeH264Async());

        Assert.Contains("LessonReview accepts lessons up to {1} minutes.", refused.Template);
        Assert.Equal(["1", "1"], refused.Values); // a 5-second clip against a 3-second limit, in whole minutes
    }

    [Fact]
    public async Task Decoding_beyond_the_memory_ceiling_fails_with_advice_instead_of_taking_the_machine()
    {
        var pipeline = Pipeline(new PlaybackSettings { MaxPixels = long.MaxValue }, new FFMpegSettings { MemoryLimitMiB = 300 });

        var refused = await RefusedAsync(pipeline, await TestClips.HugePictureAsync());

        Assert.Contains("more memory", refused.Message);
    }

    [Fact]
    public async Task The_memory_ceiling_is_in_the_wrapper_ffmpeg_runs_under()
    {
        var folder = FFMpegBinaries.OptionsFor(new FFMpegSettings { MemoryLimitMiB = 1234 }).BinaryFolder;

        Assert.Contains("ulimit -v 1263616", await File.ReadAllTextAsync(Path.Combine(folder, "ffmpeg")));
        Assert.Contains("ulimit -v 1263616", await File.ReadAllTextAsync(Path.Combine(folder, "ffprobe")));
    }

    [Fact]
    public async Task A_run_over_its_time_budget_stops_and_says_the_file_is_unusual()
    {
        // The portrait HEVC clip must be encoded; a budget of a fraction of a second cannot be met.
        var pipeline = Pipeline(new PlaybackSettings { TimeBudgetBase = TimeSpan.FromMilliseconds(200), TimeBudgetFactor = 0 });
        var clock = Stopwatch.StartNew();

        var refused = await RefusedAsync(pipeline, await TestClips.PortraitHevcMovAsync());

        Assert.Contains("took longer than", refused.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the run is stopped, not waited out");
    }

    [Fact]
    public async Task H264_larger_than_the_fast_path_cap_is_encoded_down_not_remuxed()
    {
        var pipeline = Pipeline(new PlaybackSettings { MaxHeight = 360, FastPathMaxHeight = 480 });

        var result = await pipeline.RunAsync(await TestClips.LandscapeH264Async(), InputPolicy.LocalFile, _output.Path, null);

        Assert.False(result.FastPath);
        Assert.Equal((640, 360), (result.Width, result.Height));
    }
}
