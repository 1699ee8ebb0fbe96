namespace LessonReview.Web.Uploads;

/// <summary>
/// One writer per upload in this process. A client that reconnects may briefly overlap with its
/// own dying request; the newcomer waits a little for it, then is told to retry (423).
/// An upload's gate lives only while a request holds or waits for it, so the table does not grow
/// with every upload the process has ever seen.
/// </summary>
public sealed class UploadLocks
{
    private readonly Dictionary<Guid, Gate> _gates = new();

    /// <summary>Uploads with a request writing or waiting right now.</summary>
    internal int Count
    {
        get { lock (_gates) return _gates.Count; }
    }

    public async Task<IDisposable?> TryAcquireAsync(Guid uploadId, TimeSpan wait, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(uploadId, out gate!)) _gates[uploadId] = gate = new Gate();
            gate.Users++;
        }
        var acquired = false;
        try
        {
            acquired = await gate.Semaphore.WaitAsync(wait, cancellationToken);
        }
        finally
        {
            if (!acquired) Leave(uploadId, gate);
        }
        return acquired ? new Releaser(this, uploadId, gate) : null;
    }

    private void Leave(Guid uploadId, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users > 0) return;
            _gates.Remove(uploadId);
            gate.Semaphore.Dispose();
        }
    }

    private sealed class Gate
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users; // holders and waiters; guarded by the table's lock
    }

    private sealed class Releaser(UploadLocks owner, Guid uploadId, Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            gate.Semaphore.Release();
            owner.Leave(uploadId, gate);
        }
    }
}
