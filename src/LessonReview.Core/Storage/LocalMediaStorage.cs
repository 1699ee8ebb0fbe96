namespace LessonReview.Core.Storage;

/// <summary>Media in a folder on this machine (the default; one web server, no cloud).</summary>
public sealed class LocalMediaStorage(string root) : IMediaStorage
{
    // Large enough to keep the disk busy, small enough that memory stays flat for multi-GB uploads.
    private const int CopyBufferBytes = 1 << 20;

    public string Root { get; } = Path.GetFullPath(root);

    public Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult<long?>(file.Exists ? file.Length : null);
    }

    public async Task<long> AppendAsync(string key, long offset, Stream data, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read,
            bufferSize: 0, FileOptions.Asynchronous);
        if (file.Length != offset) throw new UploadOffsetMismatchException(offset, file.Length);
        file.Seek(0, SeekOrigin.End);
        await FullBlockCopy.CopyAsync(data, (block, _) => file.WriteAsync(block, CancellationToken.None), CopyBufferBytes, cancellationToken);
        file.Flush(flushToDisk: true);
        return file.Length;
    }

    public Task CompleteUploadAsync(string key, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var staging = path + ".partial";
        await using (var source = File.OpenRead(localPath))
        await using (var target = File.Create(staging))
            await source.CopyToAsync(target, CopyBufferBytes, cancellationToken);
        File.Move(staging, path, overwrite: true); // readers never see a half-written file
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous)
            : null;
        return Task.FromResult(stream);
    }

    public Task<LocalMediaFile> GetLocalFileAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) throw new FileNotFoundException($"Media '{key}' is missing from local storage.", path);
        return Task.FromResult(new LocalMediaFile(path, temporary: false));
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var path = PathOf(prefix);
        if (prefix.EndsWith('/'))
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        else
        {
            var folder = Path.GetDirectoryName(path)!;
            if (Directory.Exists(folder))
                foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileName(path) + "*")) File.Delete(file);
        }
        return Task.CompletedTask;
    }

    public Uri? GetReadUrl(string key, TimeSpan lifetime) => null;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => CheckHealthAsync(cancellationToken);

    public Task CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Root);
        var probe = Path.Combine(Root, ".health-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(probe, "ok");
        File.Delete(probe);
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var full = Path.GetFullPath(Path.Combine(Root, key));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Storage key '{key}' leaves the media folder.", nameof(key));
        return full;
    }
}
