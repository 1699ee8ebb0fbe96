using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace LessonReview.Web.Hosting;

public static class ReceiveBlockRegistration
{
    /// <summary>
    /// Receive into 64 KB blocks instead of Kestrel's 4 KB ones (Server:ReceiveBlockSize; 0 keeps
    /// Kestrel's own pool). Kestrel's sockets take the last IMemoryPoolFactory registered, so this
    /// must come after UseKestrel, as it does in Program (WebApplication.CreateBuilder adds Kestrel first).
    /// </summary>
    public static IServiceCollection AddReceiveBlockPool(this IServiceCollection services, IConfiguration configuration)
    {
        var blockSize = configuration.GetValue("Server:ReceiveBlockSize", 64 * 1024);
        if (blockSize is > 0 and < 4096)
            throw new InvalidOperationException("Server:ReceiveBlockSize must be 0 (Kestrel's own pool) or at least 4096 bytes.");
        if (blockSize > 0) services.AddSingleton<IMemoryPoolFactory<byte>>(new ReceiveBlockPoolFactory(blockSize));
        return services;
    }
}

/// <summary>
/// Kestrel's socket transport receives into one block of its memory pool at a time, and its own
/// pool's blocks are 4 KB: a 2 GB upload costs half a million receive calls, and the server spends its
/// time in the kernel. Since .NET 10 the transport takes its pool from DI
/// (<see cref="IMemoryPoolFactory{T}"/>), so this factory hands it larger blocks (64 KB by default,
/// <c>Server:ReceiveBlockSize</c>), cutting the receive calls sixteenfold.
/// </summary>
internal sealed class ReceiveBlockPoolFactory(int blockSize) : IMemoryPoolFactory<byte>
{
    private readonly ConcurrentBag<ReceiveBlockMemoryPool> _pools = [];

    /// <summary>Blocks handed out by this factory's pools: proof that Kestrel really receives into them.</summary>
    public long Rents => _pools.Sum(p => p.Rents);

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        var pool = new ReceiveBlockMemoryPool(blockSize);
        _pools.Add(pool);
        return pool;
    }
}

/// <summary>
/// Fixed-size blocks on the pinned object heap (sockets read into them without pinning each time),
/// reused after they are returned. At most <see cref="MaxRetained"/> idle blocks are kept; the rest
/// go back to the garbage collector, so a burst of uploads does not hold memory for ever.
/// </summary>
internal sealed class ReceiveBlockMemoryPool(int blockSize) : MemoryPool<byte>
{
    internal const int MaxRetained = 256;
    private readonly ConcurrentQueue<Block> _idle = new();
    private bool _disposed;
    private long _rents;

    public override int MaxBufferSize => blockSize;
    public long Rents => Interlocked.Read(ref _rents);
    public int Idle => _idle.Count;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (minBufferSize > blockSize)
            throw new ArgumentOutOfRangeException(nameof(minBufferSize), $"Blocks are {blockSize} bytes.");
        if (!_idle.TryDequeue(out var block)) block = new Block(this, GC.AllocateUninitializedArray<byte>(blockSize, pinned: true));
        block.Rented = true;
        Interlocked.Increment(ref _rents);
        return block;
    }

    private void Return(Block block)
    {
        if (!_disposed && _idle.Count < MaxRetained) _idle.Enqueue(block);
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _idle.Clear();
    }

    private sealed class Block(ReceiveBlockMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        public bool Rented;
        public Memory<byte> Memory => array;

        public void Dispose()
        {
            // A double dispose must not put the same block in the queue twice.
            if (!Rented) return;
            Rented = false;
            pool.Return(this);
        }
    }
}
