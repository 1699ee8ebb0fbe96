using System.Diagnostics;
using LessonReview.Media.Processing;
using LessonReview.Media.Tools;
using LessonReview.TestSupport;

namespace LessonReview.Media.Tests;

public sealed class CancellationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Cancelling_stops_ffmpeg_and_leaves_no_process_behind()
    {
        var ffmpeg = new FFMpegRunner(new FFMpegSettings { CancelGracePeriod = TimeSpan.FromSeconds(2) });
        // An endless source: only cancellation can end this run.
        var endless = FFMpegJob.From("testsrc2=size=1280x720:rate=30", new InputPolicy("file", "lavfi"), "-f", "lavfi")
            .To(_folder.File("out.mp4"), "-c:v", "libx264", "-preset", "veryfast");
        using var cancel = new CancellationTokenSource();
        var progressSeen = new TaskCompletionSource();
        var run = ffmpeg.RunAsync(endless, TimeSpan.FromSeconds(60), _ => progressSeen.TrySetResult(),
            TimeSpan.FromMinutes(5), cancel.Token);

        await progressSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopwatch = Stopwatch.StartNew();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopwatch.Elapsed}");
        Assert.DoesNotContain(Process.GetProcessesByName("ffmpeg"), p => StillRunningOn(p, _folder.Path));
        Assert.False(File.Exists(_folder.File("out.mp4")), "a cancelled run leaves no half-written video");
    }

    [Fact]
    public async Task Ffmpeg_runs_at_lower_priority_than_the_app_and_is_the_process_that_gets_signalled()
    {
        var ffmpeg = new FFMpegRunner(new FFMpegSettings { NiceLevel = 7 });
        var endless = FFMpegJob.From("testsrc2=size=320x240:rate=30", new InputPolicy("file", "lavfi"), "-f", "lavfi", "-re")
            .To(_folder.File("nice.mp4"), "-c:v", "libx264", "-preset", "ultrafast");
        using var cancel = new CancellationTokenSource();
        var progressSeen = new TaskCompletionSource();
        var run = ffmpeg.RunAsync(endless, TimeSpan.FromSeconds(60), _ => progressSeen.TrySetResult(), TimeSpan.FromMinutes(5), cancel.Token);
        await progressSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var running = Process.GetProcessesByName("ffmpeg").Single(p => StillRunningOn(p, _folder.File("nice.mp4")));
        // /proc/PID/stat: field 19 is the nice value (after the command name in parentheses).
        var fields = File.ReadAllText($"/proc/{running.Id}/stat").Split(") ")[1].Split(' ');
        var ownNice = int.Parse(File.ReadAllText("/proc/self/stat").Split(") ")[1].Split(' ')[16]);
        Assert.Equal(Math.Min(19, ownNice + 7), int.Parse(fields[16]));

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(running.WaitForExit(10_000), "the niced ffmpeg itself received the stop");
    }

    [Fact]
    public async Task A_run_past_its_time_limit_is_stopped_with_a_clear_error()
    {
        var ffmpeg = new FFMpegRunner(new FFMpegSettings { CancelGracePeriod = TimeSpan.FromSeconds(1) });
        var endless = FFMpegJob.From("testsrc2=size=320x240:rate=30", new InputPolicy("file", "lavfi"), "-f", "lavfi", "-re")
            .To(_folder.File("out.mp4"), "-c:v", "libx264", "-preset", "ultrafast");

        var error = await Assert.ThrowsAsync<MediaException>(
            () => ffmpeg.RunAsync(endless, TimeSpan.Zero, null, TimeSpan.FromSeconds(2)));
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
