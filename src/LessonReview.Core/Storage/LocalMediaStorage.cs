namespace LessonReview.Core.Storage;

/// <summary>Media in a folder on this machine (the default; one web server, no cloud).</summary>
public sealed class LocalMediaStorage(string root) : IMediaStorage
{
    // Large enough to keep the disk busy, small enough that memory stays flat for multi-GB uploads.
    private const int CopyBufferBytes = 1 << 20;

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Free space on the volume that holds <see cref="Root"/> (for this process's user).</summary>
    public long? AvailableBytes => new DriveInfo(Directory.Exists(Root) ? Root : Path.GetDirectoryName(Root)!).AvailableFreeSpace;

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

        // Whole aligned blocks bypass the page cache (see DirectWrites); a resumed upload's first block
        // is cut short so the rest line up, and the last, partial block goes through the page cache.
        var direct = DirectWrites.TryOpen(path);
        var position = offset;
        try
        {
            await FullBlockCopy.CopyAsync(data, async (block, _) =>
            {
                if (direct is not null && DirectWrites.IsAligned(position, block.Length))
                {
                    try
                    {
                        await RandomAccess.WriteAsync(direct, block, position, CancellationToken.None);
                        Interlocked.Add(ref _directBytes, block.Length);
                        position += block.Length;
                        return;
                    }
                    catch (IOException)
                    {
                        // A file system that opens O_DIRECT but refuses the write: the page cache it is.
                        direct.Dispose();
                        direct = null;
                    }
                }
                await RandomAccess.WriteAsync(file.SafeFileHandle, block, position, CancellationToken.None);
                position += block.Length;
            }, CopyBufferBytes, cancellationToken, firstBlockBytes: CopyBufferBytes - (int)(offset % CopyBufferBytes));
        }
        finally
        {
            direct?.Dispose();
        }
        file.Flush(flushToDisk: true); // fsync is per file, not per handle: it covers both
        return position;
    }

    /// <summary>Bytes that went to disk without the page cache (tests check the fast path is taken).</summary>
    internal long DirectBytes => Interlocked.Read(ref _directBytes);
    private long _directBytes;

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

    public Task MoveFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A rename on one volume; across volumes .NET copies, into the staging name so readers never see half a file.
        var staging = path + ".partial";
        File.Move(localPath, staging, overwrite: true);
        File.Move(staging, path, overwrite: true);
        return Task.CompletedTask;
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

    public ValueTask<Uri?> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken = default) => ValueTask.FromResult<Uri?>(null);

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
