namespace LessonReview.Core.Storage;

/// <summary>
/// Lesson media: the original upload and the playable outputs. The local folder is the default;
/// Azure Blob Storage implements the same contract (staged blocks for <see cref="AppendAsync"/>).
/// Keys are produced by the application (<c>lessons/{id}/...</c>), never by users.
/// </summary>
public interface IMediaStorage
{
    /// <summary>Bytes stored so far under <paramref name="key"/>, or null when nothing is there.</summary>
    Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="data"/> to an upload in progress that must currently hold exactly
    /// <paramref name="offset"/> bytes. Returns the new length. Bytes received before the client
    /// disconnects are kept, so the upload resumes from there.
    /// </summary>
    /// <exception cref="UploadOffsetMismatchException">The stored length is not <paramref name="offset"/>.</exception>
    Task<long> AppendAsync(string key, long offset, Stream data, CancellationToken cancellationToken = default);

    /// <summary>Makes a finished upload readable (Azure commits its block list; local is a no-op).</summary>
    Task CompleteUploadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores a local file under <paramref name="key"/>, replacing what was there.</summary>
    Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a local file under <paramref name="key"/> and takes it: the caller no longer needs
    /// <paramref name="localPath"/>. Local storage renames it (no second copy of a 3 GB lesson on the
    /// same disk); others upload it, then delete it.
    /// </summary>
    async Task MoveFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken = default)
    {
        await PutFileAsync(key, localPath, contentType, cancellationToken);
        File.Delete(localPath);
    }

    /// <summary>A seekable read stream (so HTTP Range requests work), or null when the key is missing.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// A local file with the blob's content for ffmpeg. Local storage hands out its own file;
    /// remote storage downloads to a temporary file deleted on dispose.
    /// </summary>
    Task<LocalMediaFile> GetLocalFileAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every key that starts with <paramref name="prefix"/>.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// A URL the browser can read the blob from directly for <paramref name="lifetime"/> (a SAS URL),
    /// or null when the application must stream it itself (local folder).
    /// </summary>
    ValueTask<Uri?> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>Prepares storage at start-up (folder, or container and CORS); throws with a clear message when it cannot.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Bytes that can still be written, or null when the store has no practical limit (blob storage).</summary>
    long? AvailableBytes { get; }

    /// <summary>Throws with a clear message when storage cannot be used.</summary>
    Task CheckHealthAsync(CancellationToken cancellationToken = default);
}

/// <summary>A local path to media; disposing deletes it when it was a temporary copy.</summary>
public sealed class LocalMediaFile(string path, bool temporary) : IAsyncDisposable
{
    public string Path { get; } = path;

    public ValueTask DisposeAsync()
    {
        if (temporary && File.Exists(Path)) File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The client's idea of the upload offset differs from what is stored (tus answers 409).</summary>
public sealed class UploadOffsetMismatchException(long expected, long actual)
    : Exception($"The upload is at byte {actual}, not {expected}.")
{
    public long StoredLength { get; } = actual;
    public long ClaimedOffset { get; } = expected;
}
