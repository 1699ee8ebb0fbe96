using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Xml.Linq;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LessonReview.Core.Storage.Azure;

/// <summary>A storage request failed for good; the message says what to check.</summary>
public sealed class AzureStorageException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// The Azure Blob REST operations LessonReview uses, over HttpClient with Shared Key signing.
/// Every call is retried with exponential back-off on 500/503/timeouts (Polly); each attempt builds
/// and signs a fresh request, since a signed request cannot be sent twice.
/// </summary>
public sealed class AzureBlobClient(AzureStorageAccount account, HttpClient http, TimeProvider clock)
{
    private readonly SharedKeySigner _signer = new(account);
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(300),
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .Handle<TimeoutRejectedException>()
                .HandleResult(r => r.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable
                    or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
        })
        .AddTimeout(TimeSpan.FromSeconds(120))
        .Build();

    public AzureStorageAccount Account => account;

    public Uri BlobUri(string container, string blob, string? query = null) =>
        new(account.BlobEndpoint, $"{container}/{string.Join('/', blob.Split('/').Select(Uri.EscapeDataString))}{(query is null ? "" : "?" + query)}");

    public Uri ContainerUri(string container, string query) => new(account.BlobEndpoint, $"{container}?{query}");

    /// <summary>Sends a request built by <paramref name="build"/>; retried on transient failures.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                using var request = build();
                _signer.Sign(request, clock.GetUtcNow());
                return await http.SendAsync(request, completion, token);
            }, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            throw new AzureStorageException($"Azure Storage at {account.BlobEndpoint} could not be reached ({e.Message}). " +
                "Check Storage:Azure:ConnectionString and that the storage account is reachable from this server.", null, e);
        }
    }

    public async Task CreateContainerIfMissingAsync(string container, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, ContainerUri(container, "restype=container")), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Conflict) await EnsureAsync(response, $"create container '{container}'");
    }

    /// <summary>Lets browsers on <paramref name="allowedOrigins"/> GET and HEAD blobs (with Range) directly.</summary>
    public async Task SetCorsAsync(string allowedOrigins, CancellationToken cancellationToken)
    {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><StorageServiceProperties><Cors><CorsRule>" +
                  $"<AllowedOrigins>{SecurityElement.Escape(allowedOrigins)}</AllowedOrigins><AllowedMethods>GET,HEAD,OPTIONS</AllowedMethods>" +
                  "<MaxAgeInSeconds>3600</MaxAgeInSeconds><ExposedHeaders>*</ExposedHeaders><AllowedHeaders>*</AllowedHeaders>" +
                  "</CorsRule></Cors></StorageServiceProperties>";
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, new Uri(account.BlobEndpoint, "?restype=service&comp=properties"))
        {
            Content = new StringContent(xml, Encoding.UTF8, "application/xml"),
        }, cancellationToken);
        await EnsureAsync(response, "set Blob CORS rules");
    }

    public async Task CheckContainerAsync(string container, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, ContainerUri(container, "restype=container")), cancellationToken);
        await EnsureAsync(response, $"read container '{container}'");
    }

    public async Task PutBlockAsync(string container, string blob, string blockId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put,
            BlobUri(container, blob, $"comp=block&blockid={Uri.EscapeDataString(blockId)}")) { Content = new ReadOnlyMemoryContent(data) }, cancellationToken);
        await EnsureAsync(response, "stage a block");
    }

    public async Task PutBlockListAsync(string container, string blob, IEnumerable<string> blockIds, string contentType, CancellationToken cancellationToken)
    {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>" +
                  string.Concat(blockIds.Select(id => $"<Latest>{id}</Latest>")) + "</BlockList>";
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, BlobUri(container, blob, "comp=blocklist")) { Content = new StringContent(xml, Encoding.UTF8, "application/xml") };
            request.Headers.Add("x-ms-blob-content-type", contentType);
            return request;
        }, cancellationToken);
        await EnsureAsync(response, "commit the block list");
    }

    /// <summary>Committed and uncommitted blocks; empty lists when the blob does not exist.</summary>
    public async Task<(List<(string Id, long Size)> Committed, List<(string Id, long Size)> Uncommitted)> GetBlockListAsync(
        string container, string blob, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, BlobUri(container, blob, "comp=blocklist&blocklisttype=all")), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return ([], []);
        await EnsureAsync(response, "read the block list");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        List<(string, long)> Blocks(string list) => xml.Root?.Element(list)?.Elements("Block")
            .Select(b => (b.Element("Name")!.Value, long.Parse(b.Element("Size")!.Value, CultureInfo.InvariantCulture))).ToList() ?? [];
        return (Blocks("CommittedBlocks"), Blocks("UncommittedBlocks"));
    }

    public async Task PutBlobAsync(string container, string blob, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var content = new ReadOnlyMemoryContent(data);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            var request = new HttpRequestMessage(HttpMethod.Put, BlobUri(container, blob)) { Content = content };
            request.Headers.Add("x-ms-blob-type", "BlockBlob");
            return request;
        }, cancellationToken);
        await EnsureAsync(response, "write a blob");
    }

    /// <summary>The committed blob's length, or null when it does not exist.</summary>
    public async Task<long?> GetLengthAsync(string container, string blob, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, BlobUri(container, blob)), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, "read blob properties");
        return response.Content.Headers.ContentLength;
    }

    /// <summary>GET of the blob (optionally one byte range); null when it does not exist. The caller disposes the response.</summary>
    public async Task<HttpResponseMessage?> GetAsync(string container, string blob, (long From, long To)? range, CancellationToken cancellationToken)
    {
        var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, BlobUri(container, blob));
            if (range is { } r) request.Headers.Add("x-ms-range", $"bytes={r.From}-{r.To}");
            return request;
        }, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }
        await EnsureAsync(response, "read a blob");
        return response;
    }

    /// <summary>Deletes a blob; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string container, string blob, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, BlobUri(container, blob)), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureAsync(response, "delete a blob");
        return true;
    }

    /// <summary>Names of blobs under <paramref name="prefix"/>, including uploads that have only uncommitted blocks.</summary>
    public async Task<List<string>> ListAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string? marker = null;
        do
        {
            var query = $"restype=container&comp=list&include=uncommittedblobs&prefix={Uri.EscapeDataString(prefix)}" +
                        (marker is null ? "" : $"&marker={Uri.EscapeDataString(marker)}");
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, ContainerUri(container, query)), cancellationToken);
            await EnsureAsync(response, "list blobs");
            var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            names.AddRange(xml.Root?.Element("Blobs")?.Elements("Blob").Select(b => b.Element("Name")!.Value) ?? []);
            marker = xml.Root?.Element("NextMarker")?.Value;
        } while (!string.IsNullOrEmpty(marker));
        return names;
    }

    /// <summary>A read-only URL for one blob, valid until <paramref name="expiresOn"/> (service SAS).</summary>
    public Uri ReadUrl(string container, string blob, DateTimeOffset expiresOn) =>
        BlobUri(container, blob, _signer.BlobReadSas(container, blob, clock.GetUtcNow().AddMinutes(-5), expiresOn));

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        var code = response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.First() : response.ReasonPhrase;
        var advice = response.StatusCode == HttpStatusCode.Forbidden
            ? " The account key was refused: check the AccountKey in Storage:Azure:ConnectionString."
            : "";
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync();
        throw new AzureStorageException($"Azure Storage could not {what}: {(int)response.StatusCode} {code}.{advice}", response.StatusCode,
            body.Length > 0 ? new Exception(body[..Math.Min(body.Length, 500)]) : null);
    }
}
