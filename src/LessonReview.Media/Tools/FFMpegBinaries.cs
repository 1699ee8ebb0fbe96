using System.Globalization;
using FFMpegCore;

namespace LessonReview.Media.Tools;

/// <summary>
/// The <see cref="FFOptions"/> FFMpegCore runs with. FFMpegCore has no process-priority or memory
/// setting, so when <see cref="FFMpegSettings.NiceLevel"/> or <see cref="FFMpegSettings.MemoryLimitMiB"/>
/// is set its <c>BinaryFolder</c> points at a folder of two small scripts: <c>ffmpeg</c> runs
/// <c>ulimit -v KiB; exec nice -n N /real/ffmpeg "$@"</c>, <c>ffprobe</c> the same without nice. Both
/// use <c>exec</c>, so the process FFMpegCore starts, signals and kills is ffmpeg itself; the limit
/// makes a "decompression bomb" fail with ENOMEM instead of taking the machine's memory.
/// </summary>
public static class FFMpegBinaries
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<(string, int, int), string> Wrappers = [];

    /// <summary>FFMpegCore options for <paramref name="settings"/>: the wrapper folder, or the binaries themselves.</summary>
    public static FFOptions OptionsFor(FFMpegSettings settings) => new()
    {
        BinaryFolder = (settings.NiceLevel > 0 || settings.MemoryLimitMiB > 0) && !OperatingSystem.IsWindows() && File.Exists("/usr/bin/nice")
            ? WrapperFolder(settings.BinaryFolder, settings.NiceLevel, settings.MemoryLimitMiB)
            : settings.BinaryFolder,
        // Our own argument lists set -loglevel; FFMpegCore must not add a second -v.
        LogLevel = null,
        WorkingDirectory = Path.GetTempPath(),
        UseCache = true,
    };

    /// <summary>The ffmpeg to start directly (not through FFMpegCore), with the same priority and memory ceiling.</summary>
    public static string Ffmpeg(FFMpegSettings settings) =>
        OptionsFor(settings).BinaryFolder is { Length: > 0 } folder ? Path.Combine(folder, "ffmpeg") : "ffmpeg";

    /// <summary>The real binary: in the configured folder, or the first one on PATH.</summary>
    internal static string Resolve(string folder, string name)
    {
        if (folder.Length > 0) return Path.GetFullPath(Path.Combine(folder, name));
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (directory.Length == 0) continue;
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new MediaException($"Could not find {name} on PATH. Is ffmpeg installed? (scripts/setup.sh installs it; Media:BinaryFolder points elsewhere.)");
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string WrapperFolder(string binaryFolder, int niceLevel, int memoryLimitMiB)
    {
        lock (Gate)
        {
            if (Wrappers.TryGetValue((binaryFolder, niceLevel, memoryLimitMiB), out var existing) && Directory.Exists(existing)) return existing;
            var ffmpeg = Resolve(binaryFolder, "ffmpeg");
            var ffprobe = Resolve(binaryFolder, "ffprobe");
            var folder = Path.Combine(Path.GetTempPath(), "lessonreview-ffmpeg", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            // glibc reserves 64 MB of address space per malloc arena (up to 8 per core): without a cap on
            // arenas, a many-core machine would hit the ceiling on reservations, not on use.
            var limit = memoryLimitMiB > 0
                ? $"export MALLOC_ARENA_MAX=2\nulimit -v {((long)memoryLimitMiB * 1024).ToString(CultureInfo.InvariantCulture)}\n"
                : "";
            var nice = niceLevel > 0 ? $"/usr/bin/nice -n {niceLevel.ToString(CultureInfo.InvariantCulture)} " : "";
            Write(Path.Combine(folder, "ffmpeg"), $"{limit}exec {nice}{ShellQuote(ffmpeg)} \"$@\"");
            Write(Path.Combine(folder, "ffprobe"), $"{limit}exec {ShellQuote(ffprobe)} \"$@\"");
            Wrappers[(binaryFolder, niceLevel, memoryLimitMiB)] = folder;
            return folder;
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Write(string path, string command)
    {
        File.WriteAllText(path, "#!/bin/sh\n# Written by LessonReview: runs ffmpeg at lower priority and with a memory ceiling (Media settings).\n" + command + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                   | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
