using System.Globalization;
using System.Net;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace LessonReview.Core.Storage.Azure;

/// <summary>
/// Lesson media in Azure Blob Storage through the Azure SDK (retries, authentication and signing
/// are the SDK's). An upload is staged block by block straight into its blob (each block named
/// after its start offset) and committed when the last byte arrives, so uploads never touch the
/// web server's disk and resume after a restart from the staged blocks. Browsers read media
/// through short-lived read-only SAS URLs (<see cref="ReadUrlSigner"/>).
/// </summary>
public sealed class AzureMediaStorage : IMediaStorage
{
    /// <summary>A storage account holds petabytes: no up-front limit (quotas still apply per user).</summary>
    public long? AvailableBytes => null;

    /// <summary>Size of staged blocks and of the pieces large outputs are written in.</summary>
    public const int BlockBytes = 8 * 1024 * 1024;
    private const long SmallFileBytes = 32 * 1024 * 1024;

    private readonly BlobServiceClient _service;
    private readonly BlobContainerClient _container;
    private readonly AzureStorageOptions _options;
    private readonly ReadUrlSigner _signer;

    public AzureMediaStorage(BlobServiceClient service, AzureStorageOptions options, TimeProvider clock)
    {
        _service = service;
        _options = options;
        _container = service.GetBlobContainerClient(options.Container);
        _signer = new ReadUrlSigner(service, clock);
    }

    public Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken = default) =>
        Guard("read an upload's length", async () =>
        {
            try
            {
                return (long?)(await Blob(key).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                var staged = await StagedAsync(key, cancellationToken);
                return staged.Count == 0 ? null : Chain(staged).Length;
            }
        });

    public Task<long> AppendAsync(string key, long offset, Stream data, CancellationToken cancellationToken = default) =>
        Guard("stage an upload's blocks", async () =>
        {
            var stored = Chain(await StagedAsync(key, cancellationToken)).Length;
            if (stored != offset) throw new UploadOffsetMismatchException(offset, stored);
            var blob = Blob(key);
            var position = offset;
            await FullBlockCopy.CopyAsync(data, async (block, token) =>
            {
                // BinaryData reads the pooled block in place, without a copy.
                using var content = BinaryData.FromBytes(block).ToStream();
                await blob.StageBlockAsync(BlockId(position), content, cancellationToken: token);
                position += block.Length;
            }, BlockBytes, cancellationToken);
            return position;
        });

    public Task CompleteUploadAsync(string key, CancellationToken cancellationToken = default) =>
        Guard("commit an upload", async () =>
        {
            var (ids, _) = Chain(await StagedAsync(key, cancellationToken));
            var headers = new BlobHttpHeaders { ContentType = "application/octet-stream" };
            await Blob(key).CommitBlockListAsync(ids, new CommitBlockListOptions { HttpHeaders = headers }, cancellationToken);
            return true;
        });

    public Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken = default) =>
        Guard("store a file", async () =>
        {
            await _container.GetBlobClient(key).UploadAsync(localPath, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                TransferOptions = new global::Azure.Storage.StorageTransferOptions
                {
                    InitialTransferSize = SmallFileBytes, MaximumTransferSize = BlockBytes, MaximumConcurrency = 4,
                },
            }, cancellationToken);
            return true;
        });

    /// <summary>
    /// Small files (playlists, the VTT, segments up to 32 MiB) in one request into memory; larger ones as
    /// a seekable stream reading ranges (Range requests through the app). Media is normally read by
    /// the browser itself through <see cref="GetReadUrlAsync"/>.
    /// </summary>
    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        Guard("read a blob", async () =>
        {
            try
            {
                var blob = _container.GetBlobClient(key);
                var content = (await blob.DownloadContentAsync(new BlobDownloadOptions
                {
                    Range = new HttpRange(0, SmallFileBytes + 1),
                }, cancellationToken)).Value;
                if (content.Details.ContentLength > SmallFileBytes)
                    return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = (int)BlockBytes }, cancellationToken);
                return (Stream?)new MemoryStream(content.Content.ToArray(), writable: false);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        });

    public Task<LocalMediaFile> GetLocalFileAsync(string key, CancellationToken cancellationToken = default) =>
        Guard("download media for processing", async () =>
        {
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lessonreview-blobs")).FullName;
            var local = new LocalMediaFile(Path.Combine(folder, Guid.NewGuid().ToString("N")), temporary: true);
            try
            {
                // The SDK downloads large blobs in parallel ranges.
                await _container.GetBlobClient(key).DownloadToAsync(local.Path, cancellationToken);
                return local;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                await local.DisposeAsync();
                throw new FileNotFoundException($"Media '{key}' is missing from Azure Storage container '{_options.Container}'.");
            }
            catch
            {
                await local.DisposeAsync(); // never leave a half-downloaded copy behind
                throw;
            }
        });

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        Guard("delete media", async () =>
        {
            await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.Uncommitted, prefix, cancellationToken))
            {
                var blob = Blob(item.Name);
                if ((await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value) continue;
                // Only uncommitted blocks (an abandoned upload): committing an empty list discards them, then delete.
                await blob.CommitBlockListAsync([], cancellationToken: cancellationToken);
                await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            }
            return true;
        });

    /// <summary>A read-only SAS URL; none when the app serves media itself (<see cref="AzureStorageOptions.ServeMediaThroughApp"/>).</summary>
    public async ValueTask<Uri?> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken = default) =>
        _options.ServeMediaThroughApp ? null
            : await Guard("sign a read URL", async () => (Uri?)await _signer.SignAsync(_container.GetBlobClient(key), lifetime, cancellationToken));

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        Guard("prepare the media container", async () =>
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            if (!_options.UsesIdentity) await SetCorsAsync(cancellationToken);
            return true;
        });

    public Task CheckHealthAsync(CancellationToken cancellationToken = default) =>
        Guard($"read container '{_options.Container}'", async () =>
        {
            await _container.GetPropertiesAsync(cancellationToken: cancellationToken);
            return true;
        });

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

    private BlockBlobClient Blob(string key) => _container.GetBlockBlobClient(key);

    private async Task<List<(string Id, long Size)>> StagedAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var list = (await Blob(key).GetBlockListAsync(BlockListTypes.Uncommitted, cancellationToken: cancellationToken)).Value;
            return list.UncommittedBlocks.Select(b => (b.Name, b.SizeLong)).ToList();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    private async Task SetCorsAsync(CancellationToken cancellationToken)
    {
        var properties = (await _service.GetPropertiesAsync(cancellationToken)).Value;
        properties.Cors =
        [
            new BlobCorsRule
            {
                AllowedOrigins = _options.AllowedOrigins, AllowedMethods = "GET,HEAD,OPTIONS",
                AllowedHeaders = "*", ExposedHeaders = "*", MaxAgeInSeconds = 3600,
            },
        ];
        await _service.SetPropertiesAsync(properties, cancellationToken);
    }

    // Turns the SDK's failures into one message an operator can act on, naming the setting to check.
    private async Task<T> Guard<T>(string what, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            var advice = _options.UsesIdentity
                ? " The app's identity was refused: give it the 'Storage Blob Data Contributor' role on the account (and 'Storage Blob Delegator' for read URLs)."
                : " The account key was refused: check the AccountKey in Storage:Azure:ConnectionString.";
            throw new AzureStorageException($"Azure Storage could not {what}: {e.Status} {e.ErrorCode}.{advice}", (HttpStatusCode)e.Status, e);
        }
        catch (Exception e) when (e is RequestFailedException { Status: 0 } or RequestFailedException { InnerException: HttpRequestException }
                                   || (e is AggregateException all && all.InnerExceptions.All(i => i is RequestFailedException { Status: 0 })))
        {
            // After its retries the SDK reports a connection that never came as an AggregateException.
            throw new AzureStorageException($"Azure Storage could not be reached to {what} ({_service.Uri.GetLeftPart(UriPartial.Authority)}): {e.Message}", null, e);
        }
        catch (global::Azure.Identity.AuthenticationFailedException e)
        {
            throw new AzureStorageException($"Azure Storage could not {what}: no identity could sign in ({e.Message}). " +
                "In Azure, give the app a managed identity (Storage:Azure:ClientId names a user-assigned one); elsewhere use `az login` or Storage:Azure:ConnectionString.", null, e);
        }
        catch (RequestFailedException e) when (e.Status != 404)
        {
            throw new AzureStorageException($"Azure Storage could not {what}: {e.Status} {e.ErrorCode}.", (HttpStatusCode)e.Status, e);
        }
    }
}
