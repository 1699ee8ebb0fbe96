using System.Net;
using System.Net.Http.Headers;
using LessonReview.Core.Storage;
using LessonReview.Core.Storage.Azure;
using LessonReview.TestSupport;

namespace LessonReview.Web.Tests.Storage;

/// <summary>
/// What every media storage must do, run unchanged against the local folder and against real
/// Azurite: write, ranged read, block staging and commit, resume after a restart, delete,
/// direct read URLs, missing blobs.
/// </summary>
public abstract class MediaStorageContract
{
    private static readonly HttpClient PlainHttp = new();

    /// <summary>How a browser reaches the storage's read URLs.</summary>
    protected virtual HttpClient Http => PlainHttp;

    /// <summary>A fresh storage object over the same place (as after a web-server restart).</summary>
    protected abstract Task<IMediaStorage> OpenAsync();

    protected static byte[] Bytes(int length, int seed = 1) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + seed)).ToArray();

    [Fact]
    public async Task Missing_media_is_reported_as_missing()
    {
        var storage = await OpenAsync();
        var key = $"lessons/{Guid.NewGuid():N}/video.mp4";

        Assert.Null(await storage.GetLengthAsync(key));
        Assert.Null(await storage.OpenReadAsync(key));
        await Assert.ThrowsAsync<FileNotFoundException>(() => storage.GetLocalFileAsync(key));
    }

    [Fact]
    public async Task A_written_file_reads_back_whole_and_by_range()
    {
        var storage = await OpenAsync();
        var key = $"lessons/{Guid.NewGuid():N}/poster.jpg";
        using var folder = new TempFolder();
        var content = Bytes(100_000);
        await File.WriteAllBytesAsync(folder.File("in"), content);

        await storage.PutFileAsync(key, folder.File("in"), "image/jpeg");

        Assert.Equal(content.Length, await storage.GetLengthAsync(key));
        await using (var local = await storage.GetLocalFileAsync(key))
            Assert.Equal(content, await File.ReadAllBytesAsync(local.Path));
        Assert.Equal(content[1000..2000], await ReadRangeAsync(storage, key, 1000, 1999));
    }

    [Fact]
    public async Task Staged_upload_in_several_pieces_commits_to_the_same_bytes()
    {
        var storage = await OpenAsync();
        var key = $"lessons/{Guid.NewGuid():N}/original";
        var content = Bytes(AzureMediaStorage.BlockBytes + 300_000, seed: 3); // more than one block

        var after1 = await storage.AppendAsync(key, 0, new MemoryStream(content[..5000]));
        var after2 = await storage.AppendAsync(key, after1, new MemoryStream(content[5000..]));
        var wrong = await Assert.ThrowsAsync<UploadOffsetMismatchException>(() => storage.AppendAsync(key, 10, new MemoryStream(content[..10])));
        await storage.CompleteUploadAsync(key);

        Assert.Equal((5000L, (long)content.Length, (long)content.Length), (after1, after2, wrong.StoredLength));
        await using var local = await storage.GetLocalFileAsync(key);
        Assert.Equal(content, await File.ReadAllBytesAsync(local.Path));
    }

    [Fact]
    public async Task An_upload_resumes_after_a_restart_from_what_was_stored()
    {
        var key = $"lessons/{Guid.NewGuid():N}/original";
        var content = Bytes(250_000, seed: 5);
        await (await OpenAsync()).AppendAsync(key, 0, new MemoryStream(content[..100_000]));

        var restarted = await OpenAsync();
        var offset = await restarted.GetLengthAsync(key);
        await restarted.AppendAsync(key, offset!.Value, new MemoryStream(content[(int)offset.Value..]));
        await restarted.CompleteUploadAsync(key);

        Assert.Equal(100_000, offset);
        await using var local = await restarted.GetLocalFileAsync(key);
        Assert.Equal(content, await File.ReadAllBytesAsync(local.Path));
    }

    [Fact]
    public async Task A_segment_moved_in_replaces_what_was_there_and_leaves_nothing_behind()
    {
        var storage = await OpenAsync();
        var key = $"lessons/{Guid.NewGuid():N}/main.m3u8";
        using var temp = new TempFolder();
        await File.WriteAllBytesAsync(temp.File("first"), Bytes(100));
        await File.WriteAllBytesAsync(temp.File("second"), Bytes(300));

        await storage.MoveFileAsync(key, temp.File("first"), "application/vnd.apple.mpegurl");
        await storage.MoveFileAsync(key, temp.File("second"), "application/vnd.apple.mpegurl"); // a playlist grows

        Assert.Equal(300, await storage.GetLengthAsync(key));
        Assert.False(File.Exists(temp.File("first")) || File.Exists(temp.File("second")), "the pipeline's copy is taken, not duplicated");
        await using var read = (await storage.OpenReadAsync(key))!;
        Assert.Equal(Bytes(300), await ReadAllAsync(read));
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Deleting_a_lesson_folder_removes_finished_files_and_unfinished_uploads()
    {
        var storage = await OpenAsync();
        var folder = $"lessons/{Guid.NewGuid():N}/";
        using var temp = new TempFolder();
        await File.WriteAllBytesAsync(temp.File("f"), Bytes(1000));
        await storage.PutFileAsync(folder + "video.mp4", temp.File("f"), "video/mp4");
        await storage.AppendAsync(folder + "original", 0, new MemoryStream(Bytes(5000)));
        var other = $"lessons/{Guid.NewGuid():N}/video.mp4";
        await storage.PutFileAsync(other, temp.File("f"), "video/mp4");

        await storage.DeletePrefixAsync(folder);

        Assert.Null(await storage.GetLengthAsync(folder + "video.mp4"));
        Assert.Null(await storage.GetLengthAsync(folder + "original"));
        Assert.Equal(1000, await storage.GetLengthAsync(other));
    }

    /// <summary>
    /// Stores a poster, asks for a 2-second read URL and checks it as a browser would: it reads,
    /// refuses a write, and stops working once expired. Returns the URL for further checks.
    /// </summary>
    protected async Task<Uri> AssertReadUrlIsReadOnlyAndExpiresAsync(IMediaStorage storage)
    {
        var key = $"lessons/{Guid.NewGuid():N}/poster.jpg";
        using var temp = new TempFolder();
        await File.WriteAllBytesAsync(temp.File("f"), Bytes(10));
        await storage.PutFileAsync(key, temp.File("f"), "image/jpeg");

        var url = (await storage.GetReadUrlAsync(key, TimeSpan.FromSeconds(2)))!;
        var read = await Http.GetAsync(url);
        var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent([1]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob"); // a well-formed Put Blob: only the permission is missing
        var write = await Http.SendAsync(put);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var expired = await Http.GetAsync(url);

        Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (read.StatusCode, read.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        return url;
    }

    /// <summary>Reads a byte range the way a browser would: through the direct URL when there is one.</summary>
    protected async Task<byte[]> ReadRangeAsync(IMediaStorage storage, string key, long from, long to)
    {
        if (await storage.GetReadUrlAsync(key, TimeSpan.FromMinutes(5)) is { } url)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(from, to);
            var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            return await response.Content.ReadAsByteArrayAsync();
        }
        await using var stream = (await storage.OpenReadAsync(key))!;
        stream.Seek(from, SeekOrigin.Begin);
        var buffer = new byte[to - from + 1];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }
}

public sealed class LocalMediaStorageTests : MediaStorageContract, IDisposable
{
    private readonly TempFolder _root = new();

    protected override Task<IMediaStorage> OpenAsync() => Task.FromResult<IMediaStorage>(new LocalMediaStorage(_root.Path));

    [Fact]
    public async Task The_local_folder_has_no_direct_urls_the_app_streams_instead() =>
        Assert.Null(await new LocalMediaStorage(_root.Path).GetReadUrlAsync("lessons/x/video.mp4", TimeSpan.FromHours(1)));

    [Fact]
    public async Task A_large_resumed_append_is_stored_byte_for_byte_and_bypasses_the_page_cache_where_the_disk_allows()
    {
        var storage = new LocalMediaStorage(_root.Path);
        var key = $"lessons/{Guid.NewGuid():N}/original";
        var content = Bytes(7 * 1024 * 1024 + 1234, seed: 5);

        // A drop after an odd number of bytes, as over Wi-Fi, then the rest in reads of odd sizes.
        await storage.AppendAsync(key, 0, new MemoryStream(content[..12345]));
        var end = await storage.AppendAsync(key, 12345, new TrickleStream(content[12345..], 65_537));

        Assert.Equal(content.Length, end);
        await using (var local = await storage.GetLocalFileAsync(key))
            Assert.Equal(content, await File.ReadAllBytesAsync(local.Path));
        using var probe = DirectWrites.TryOpen((await storage.GetLocalFileAsync(key)).Path);
        if (probe is null)
            Assert.Equal(0, storage.DirectBytes); // e.g. tmpfs: everything through the page cache, still intact
        else
            Assert.InRange(storage.DirectBytes, 6 * 1024 * 1024, content.Length); // all whole aligned MiBs
    }

    public void Dispose() => _root.Dispose();
}

/// <summary>Hands out at most <paramref name="chunk"/> bytes per read, like a socket.</summary>
internal sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
}

public sealed class AzureMediaStorageTests(AzuriteFixture azurite) : MediaStorageContract, IClassFixture<AzuriteFixture>
{
    protected override async Task<IMediaStorage> OpenAsync()
    {
        var storage = azurite.CreateStorage("contract");
        await storage.InitializeAsync();
        return storage;
    }

    [Fact]
    public async Task Read_urls_are_read_only_and_expire()
    {
        var url = await AssertReadUrlIsReadOnlyAndExpiresAsync(await OpenAsync());

        Assert.Contains("sp=r", url.Query);
        Assert.DoesNotContain("skoid=", url.Query); // a service SAS, signed with the account key
    }

    [Fact]
    public async Task A_wrong_account_key_fails_at_start_up_with_advice()
    {
        var wrongKey = azurite.Server.ConnectionString.Replace("Eby8", "AAAA");
        var storage = AzuriteFixture.Storage(new AzureStorageOptions { ConnectionString = wrongKey, Container = "contract" });

        var error = await Assert.ThrowsAsync<AzureStorageException>(() => storage.InitializeAsync());

        Assert.Contains("AccountKey", error.Message);
    }

    [Fact]
    public async Task An_unreachable_account_fails_with_a_clear_message()
    {
        var storage = AzuriteFixture.Storage(new AzureStorageOptions
        {
            ConnectionString = azurite.Server.ConnectionString.Replace($":{azurite.Server.Port}/", ":9/"), Container = "contract",
        });

        var error = await Assert.ThrowsAsync<AzureStorageException>(() => storage.CheckHealthAsync());

        Assert.Contains("could not be reached", error.Message);
    }
}

/// <summary>One Azurite for a test class.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public Azurite Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await Azurite.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public AzureMediaStorage CreateStorage(string container) =>
        Storage(new AzureStorageOptions { ConnectionString = Server.ConnectionString, Container = container });

    public static AzureMediaStorage Storage(AzureStorageOptions options) =>
        new(AzureBlobServiceFactory.Create(options), options, TimeProvider.System);
}
