namespace LessonReview.Core.Storage;

/// <summary>
/// Copies an upload body in full blocks, double-buffered: while one block is written, the next is
/// received. Kestrel hands over a few KB per read; writing each read separately would cost a
/// syscall (or, for blobs, a block) apiece. Bytes already read when the client disconnects are
/// still written, so the upload resumes exactly where the data stopped. Memory: two blocks, page-aligned
/// (see <see cref="AlignedBuffers"/>). A shorter first block lets the caller line the rest up with
/// block boundaries in the file.
/// </summary>
public static class FullBlockCopy
{
    /// <summary>Reads <paramref name="source"/> to its end (or the client's disconnect) and hands full blocks to <paramref name="write"/> in order.</summary>
    /// <returns>The number of bytes written.</returns>
    public static async Task<long> CopyAsync(
        Stream source, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, int blockBytes, CancellationToken cancellationToken,
        int? firstBlockBytes = null)
    {
        if (firstBlockBytes is <= 0 || firstBlockBytes > blockBytes) throw new ArgumentOutOfRangeException(nameof(firstBlockBytes));
        AlignedBuffer[] buffers = [AlignedBuffers.Rent(blockBytes), AlignedBuffers.Rent(blockBytes)];
        var capacity = firstBlockBytes ?? blockBytes;
        var current = 0;
        var filled = 0;
        long written = 0;
        Task pending = Task.CompletedTask;

        async Task Flush()
        {
            await pending; // blocks reach storage in order, one write at a time
            var block = buffers[current].Memory[..filled];
            written += filled;
            pending = write(block, CancellationToken.None).AsTask();
            (current, filled, capacity) = (1 - current, 0, blockBytes);
        }

        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await source.ReadAsync(buffers[current].Memory[filled..capacity], cancellationToken);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or Microsoft.AspNetCore.Connections.ConnectionResetException
                                              or Microsoft.AspNetCore.Http.BadHttpRequestException)
                {
                    read = 0; // the client went away mid-block: keep what arrived
                }
                filled += read;
                if (filled == capacity || (read == 0 && filled > 0)) await Flush();
                if (read == 0) break;
            }
            await pending;
            return written;
        }
        finally
        {
            await pending.ContinueWith(_ => { }, TaskScheduler.Default); // never return a buffer still being written
            foreach (var buffer in buffers) AlignedBuffers.Return(buffer);
        }
    }
}
