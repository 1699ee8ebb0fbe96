using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LessonReview.Core.Processing;

/// <summary>
/// Where a job writes while it runs: <c>{temp}/lessonreview-work/{pid}-{id}</c>. The process id in
/// the name lets a starting worker tell folders of a process that died (<c>kill -9</c>, a crash,
/// a container restart) from those of other live workers on the machine, remove them, and stop the
/// ffmpeg runs that were writing into them (orphans, re-parented to init, still encoding).
/// </summary>
public static class WorkFolders
{
    public static string Root { get; set; } = Path.Combine(Path.GetTempPath(), "lessonreview-work");

    /// <summary>A new, unique folder name for one job of this process.</summary>
    public static string ForJob() => Path.Combine(Root, $"{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>Removes work folders of processes that are gone and kills ffmpeg runs still writing into them.</summary>
    /// <returns>How many folders were removed.</returns>
    public static int CleanUpOrphans(ILogger? log = null)
    {
        if (!Directory.Exists(Root)) return 0;
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(folder);
            var dash = name.IndexOf('-');
            if (dash <= 0 || !int.TryParse(name.AsSpan(0, dash), out var owner) || IsAlive(owner)) continue;
            foreach (var orphan in ProcessesWriting(folder))
            {
                log?.LogWarning("Stopping orphaned ffmpeg {Pid}, left by a worker that died, writing into {Folder}", orphan.Id, folder);
                try { orphan.Kill(); orphan.WaitForExit(5000); } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
                orphan.Dispose();
            }
            try
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (IOException e) { log?.LogWarning(e, "Could not remove the orphaned work folder {Folder}", folder); }
            catch (UnauthorizedAccessException e) { log?.LogWarning(e, "Could not remove the orphaned work folder {Folder}", folder); }
        }
        return removed;
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>Processes whose command line names a path inside <paramref name="folder"/> (Linux: /proc).</summary>
    private static IEnumerable<Process> ProcessesWriting(string folder)
    {
        if (!OperatingSystem.IsLinux()) yield break;
        var marker = folder + Path.DirectorySeparatorChar;
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid)) continue;
            string commandLine;
            try { commandLine = File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' '); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (!commandLine.Contains(marker, StringComparison.Ordinal)) continue;
            Process? process = null;
            try { process = Process.GetProcessById(pid); } catch (ArgumentException) { }
            if (process is not null) yield return process;
        }
    }
}
