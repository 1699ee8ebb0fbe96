using System.Collections.Concurrent;

namespace LessonReview.Web.Uploads;

/// <summary>
/// One writer per upload in this process. A client that reconnects may briefly overlap with its
/// own dying request; the newcomer waits a little for it, then is told to retry (423).
/// </summary>
public sealed class UploadLocks
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    public async Task<IDisposable?> TryAcquireAsync(Guid uploadId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(uploadId, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(wait, cancellationToken) ? new Releaser(gate) : null;
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
