using System.Buffers;
using System.IO.Pipelines;

namespace LessonReview.Web.Uploads;

/// <summary>
/// The PATCH body as a read-only stream that (1) never yields more than <paramref name="limit"/>
/// bytes, so nothing is written past Upload-Length, and (2) waits for at least 64 KB per read
/// (<c>ReadAtLeastAsync</c>) instead of waking for every 4 KB socket read. Not more: when the client
/// drops, Kestrel discards what it buffered but we had not consumed, so at most this much is re-sent.
/// </summary>
internal sealed class UploadBodyStream(PipeReader body, long limit) : Stream
{
    private const int MinimumRead = 64 * 1024;
    private long _remaining = limit;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining <= 0 || buffer.Length == 0) return 0;
        var wanted = (int)Math.Min(buffer.Length, _remaining);
        var result = await body.ReadAtLeastAsync(Math.Min(wanted, MinimumRead), cancellationToken);
        var available = result.Buffer;
        var take = (int)Math.Min(wanted, available.Length);
        available.Slice(0, take).CopyTo(buffer.Span);
        body.AdvanceTo(available.GetPosition(take));
        _remaining -= take;
        return take;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
