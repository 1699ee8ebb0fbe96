using System.Diagnostics;
using LessonReview.Core.Processing;

namespace LessonReview.Web.Tests;

/// <summary>A worker that starts removes what a killed worker left: its running ffmpeg and its files; live workers' folders stay.</summary>
public sealed class WorkFoldersTests
{
    [Fact]
    public async Task A_dead_workers_ffmpeg_is_stopped_and_its_folder_removed_while_a_live_ones_stays()
    {
        // A process id that is certainly gone: a process that ran and ended.
        using var ended = Process.Start(new ProcessStartInfo("true"))!;
        await ended.WaitForExitAsync();
        var orphanFolder = Path.Combine(WorkFolders.Root, $"{ended.Id}-{Guid.NewGuid():N}");
        var liveFolder = WorkFolders.ForJob();
        Directory.CreateDirectory(orphanFolder);
        Directory.CreateDirectory(liveFolder);
        await File.WriteAllTextAsync(Path.Combine(liveFolder, "keep.txt"), "a job of this live process");
        // An encode that would run for minutes, writing into the dead worker's folder (as an orphan does).
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10:duration=600",
                     "-c:v", "libx264", "-preset", "ultrafast", "-y", Path.Combine(orphanFolder, "video.mp4") })
            info.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(info)!;
        try
        {
            for (var i = 0; i < 50 && !File.Exists(Path.Combine(orphanFolder, "video.mp4")); i++) await Task.Delay(100);

            var removed = WorkFolders.CleanUpOrphans();

            Assert.True(removed >= 1);
            Assert.True(ffmpeg.WaitForExit(10_000), "the orphaned ffmpeg is stopped");
            Assert.False(Directory.Exists(orphanFolder));
            Assert.True(File.Exists(Path.Combine(liveFolder, "keep.txt")), "a live worker's job is left alone");
        }
        finally
        {
            if (!ffmpeg.HasExited) ffmpeg.Kill();
            Directory.Delete(liveFolder, recursive: true);
        }
    }
}
