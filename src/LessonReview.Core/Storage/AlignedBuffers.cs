using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace LessonReview.Core.Storage;

/// <summary>
/// Page-aligned copy buffers, reused. Direct (O_DIRECT) writes need the memory, like the file offset and
/// length, aligned to the disk's block size; 4096 covers every disk in use. The arrays live on the
/// pinned object heap, so the aligned address found once stays valid.
/// </summary>
internal static class AlignedBuffers
{
    public const int Alignment = 4096;
    private const int MaxIdle = 4; // per size: two uploads' worth; more are left to the garbage collector
    private static readonly ConcurrentDictionary<int, ConcurrentBag<AlignedBuffer>> Idle = new();

    public static AlignedBuffer Rent(int bytes)
    {
        if (Idle.TryGetValue(bytes, out var bag) && bag.TryTake(out var buffer)) return buffer;
        return new AlignedBuffer(bytes);
    }

    public static void Return(AlignedBuffer buffer)
    {
        var bag = Idle.GetOrAdd(buffer.Memory.Length, _ => []);
        if (bag.Count < MaxIdle) bag.Add(buffer);
    }
}

internal sealed class AlignedBuffer
{
    public AlignedBuffer(int bytes)
    {
        var array = GC.AllocateUninitializedArray<byte>(bytes + AlignedBuffers.Alignment, pinned: true);
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned); // only to read the address: the array never moves
        var address = handle.AddrOfPinnedObject();
        handle.Free();
        var skip = (int)((AlignedBuffers.Alignment - address % AlignedBuffers.Alignment) % AlignedBuffers.Alignment);
        Memory = array.AsMemory(skip, bytes);
    }

    public Memory<byte> Memory { get; }
}
