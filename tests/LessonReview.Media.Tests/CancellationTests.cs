using System.Diagnostics;
using LessonReview.Media.Processing;
using LessonReview.TestSupport;

namespace LessonReview.Media.Tests;

public sealed class CancellationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Cancelling_stops_ffmpeg_and_leaves_no_process_behind()
    {
        var ffmpeg = new FFMpeg(new FFOptions { CancelGracePeriod = TimeSpan.FromSeconds(2) });
        // An endless source: only cancellation can end this run.
        var endless = FFMpegArguments.FromFileInput("testsrc2=size=1280x720:rate=30", new InputPolicy("file", "lavfi"), "-f", "lavfi")
            .OutputToFile(_folder.File("out.mp4"), "-c:v", "libx264", "-preset", "veryfast");
        using var cancel = new CancellationTokenSource();
        var progressSeen = new TaskCompletionSource();
        var run = ffmpeg.ProcessAsynchronously(endless, TimeSpan.FromSeconds(60), _ => progressSeen.TrySetResult(),
            TimeSpan.FromMinutes(5), cancel.Token);

        await progressSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopwatch = Stopwatch.StartNew();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopwatch.Elapsed}");
        Assert.DoesNotContain(Process.GetProcessesByName("ffmpeg"), p => StillRunningOn(p, _folder.Path));
    }

    [Fact]
    public async Task A_run_past_its_time_limit_is_stopped_with_a_clear_error()
    {
        var ffmpeg = new FFMpeg(new FFOptions { CancelGracePeriod = TimeSpan.FromSeconds(1) });
        var endless = FFMpegArguments.FromFileInput("testsrc2=size=320x240:rate=30", new InputPolicy("file", "lavfi"), "-f", "lavfi", "-re")
            .OutputToFile(_folder.File("out.mp4"), "-c:v", "libx264", "-preset", "ultrafast");

        var error = await Assert.ThrowsAsync<MediaException>(
            () => ffmpeg.ProcessAsynchronously(endless, TimeSpan.Zero, null, TimeSpan.FromSeconds(2)));
        Assert.Contains("longer than", error.Message);
    }

    // Other tests start and end ffmpeg processes meanwhile: one may exit between listing and asking.
    private static bool StillRunningOn(Process p, string folder)
    {
        try { return !p.HasExited && CommandLine(p).Contains(folder); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { return false; }
    }

    private static string CommandLine(Process p)
    {
        try { return File.ReadAllText($"/proc/{p.Id}/cmdline"); } catch (IOException) { return ""; }
    }
}
