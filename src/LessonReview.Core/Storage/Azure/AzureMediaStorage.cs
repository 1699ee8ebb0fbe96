using System.Globalization;
using System.Text;

namespace LessonReview.Core.Storage.Azure;

/// <summary>
/// Lesson media in Azure Blob Storage. An upload is staged block by block straight into its blob
/// (each block named after its start offset) and committed when the last byte arrives, so uploads
/// never touch the web server's disk and resume after a restart from the staged blocks.
/// Browsers read media through short-lived read-only SAS URLs.
/// </summary>
public sealed class AzureMediaStorage(AzureBlobClient blobs, string container, string allowedOrigins) : IMediaStorage
{
    /// <summary>Size of staged blocks and of the pieces large outputs are written in.</summary>
    public const int BlockBytes = 8 * 1024 * 1024;
    private const long SmallFileBytes = 32 * 1024 * 1024;

    public async Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken = default)
    {
        var committed = await blobs.GetLengthAsync(container, key, cancellationToken);
        if (committed is not null) return committed;
        var (_, uncommitted) = await blobs.GetBlockListAsync(container, key, cancellationToken);
        return uncommitted.Count == 0 ? null : Chain(uncommitted).Length;
    }

    public async Task<long> AppendAsync(string key, long offset, Stream data, CancellationToken cancellationToken = default)
    {
        var (_, uncommitted) = await blobs.GetBlockListAsync(container, key, cancellationToken);
        var staged = Chain(uncommitted).Length;
        if (staged != offset) throw new UploadOffsetMismatchException(offset, staged);
        var position = offset;
        await FullBlockCopy.CopyAsync(data, async (block, token) =>
        {
            await blobs.PutBlockAsync(container, key, BlockId(position), block, token);
            position += block.Length;
        }, BlockBytes, cancellationToken);
        return position;
    }

    public async Task CompleteUploadAsync(string key, CancellationToken cancellationToken = default)
    {
        var (_, uncommitted) = await blobs.GetBlockListAsync(container, key, cancellationToken);
        var (ids, _) = Chain(uncommitted);
        if (ids.Count == 0) await blobs.PutBlobAsync(container, key, ReadOnlyMemory<byte>.Empty, "application/octet-stream", cancellationToken);
        else await blobs.PutBlockListAsync(container, key, ids, "application/octet-stream", cancellationToken);
    }

    public async Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken = default)
    {
        var length = new FileInfo(localPath).Length;
        if (length <= SmallFileBytes)
        {
            await blobs.PutBlobAsync(container, key, await File.ReadAllBytesAsync(localPath, cancellationToken), contentType, cancellationToken);
            return;
        }
        var ids = new List<string>();
        long position = 0;
        await using var file = File.OpenRead(localPath);
        await FullBlockCopy.CopyAsync(file, async (block, token) =>
        {
            var id = BlockId(position);
            await blobs.PutBlockAsync(container, key, id, block, token);
            ids.Add(id);
            position += block.Length;
        }, BlockBytes, cancellationToken);
        await blobs.PutBlockListAsync(container, key, ids, contentType, cancellationToken);
    }

    /// <summary>Small files only (the storyboard VTT); large media is read through <see cref="GetReadUrl"/>.</summary>
    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        using var response = await blobs.GetAsync(container, key, null, cancellationToken);
        if (response is null) return null;
        if (response.Content.Headers.ContentLength > SmallFileBytes)
            throw new NotSupportedException($"'{key}' is too large to stream through the app; use its read URL.");
        return new MemoryStream(await response.Content.ReadAsByteArrayAsync(cancellationToken), writable: false);
    }

    public async Task<LocalMediaFile> GetLocalFileAsync(string key, CancellationToken cancellationToken = default)
    {
        using var response = await blobs.GetAsync(container, key, null, cancellationToken)
            ?? throw new FileNotFoundException($"Media '{key}' is missing from Azure Storage container '{container}'.");
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lessonreview-blobs")).FullName;
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N"));
        var local = new LocalMediaFile(path, temporary: true);
        try
        {
            await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var target = File.Create(path);
            await source.CopyToAsync(target, 1 << 20, cancellationToken);
            return local;
        }
        catch
        {
            await local.DisposeAsync(); // never leave a half-downloaded copy behind
            throw;
        }
    }

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        foreach (var name in await blobs.ListAsync(container, prefix, cancellationToken))
        {
            if (await blobs.DeleteAsync(container, name, cancellationToken)) continue;
            // Only uncommitted blocks (an abandoned upload): committing an empty list discards them, then delete.
            await blobs.PutBlockListAsync(container, name, [], "application/octet-stream", cancellationToken);
            await blobs.DeleteAsync(container, name, cancellationToken);
        }
    }

    public Uri? GetReadUrl(string key, TimeSpan lifetime) => blobs.ReadUrl(container, key, DateTimeOffset.UtcNow + lifetime);

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await blobs.CreateContainerIfMissingAsync(container, cancellationToken);
        await blobs.SetCorsAsync(allowedOrigins, cancellationToken);
    }

    public Task CheckHealthAsync(CancellationToken cancellationToken = default) => blobs.CheckContainerAsync(container, cancellationToken);

    /// <summary>Block ids encode the block's start offset, fixed width (Azure requires equal-length ids per blob).</summary>
    public static string BlockId(long startOffset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("b" + startOffset.ToString("D15", CultureInfo.InvariantCulture)));

    /// <summary>The contiguous run of staged blocks from offset 0: what the upload holds so far.</summary>
    internal static (List<string> Ids, long Length) Chain(IEnumerable<(string Id, long Size)> blocks)
    {
        var byStart = new Dictionary<long, (string Id, long Size)>();
        foreach (var block in blocks)
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(block.Id));
            if (text.Length == 16 && text[0] == 'b' && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var start))
                byStart[start] = block;
        }
        var ids = new List<string>();
        long position = 0;
        while (byStart.TryGetValue(position, out var next) && next.Size > 0)
        {
            ids.Add(next.Id);
            position += next.Size;
        }
        return (ids, position);
    }
}
