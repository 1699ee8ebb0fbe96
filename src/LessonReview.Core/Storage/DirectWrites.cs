using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LessonReview.Core.Storage;

/// <summary>
/// A second handle on a file, opened with O_DIRECT: writes go from our buffer to the disk without
/// being copied into the page cache. For a multi-GB upload that copy, and the kernel's later
/// write-back of it, cost more CPU than receiving the bytes. Linux only, and only where the file
/// system accepts it (tmpfs, for one, does not): otherwise <see cref="TryOpen"/> answers null and the
/// caller writes through the page cache as before.
/// </summary>
internal static class DirectWrites
{
    private const int WriteOnly = 0x1;
    private const int CloseOnExec = 0x80000;

    public static SafeFileHandle? TryOpen(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        int direct = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 0x4000,   // O_DIRECT differs by architecture
            Architecture.Arm64 => 0x10000,
            _ => 0,
        };
        if (direct == 0) return null;
        var fd = Open(path, WriteOnly | CloseOnExec | direct);
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Whether a write at this offset and length may go through the direct handle.</summary>
    public static bool IsAligned(long offset, int length) =>
        offset % AlignedBuffers.Alignment == 0 && length % AlignedBuffers.Alignment == 0;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
