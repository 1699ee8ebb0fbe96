namespace LessonReview.Core.Processing;

/// <summary>Wakes a polling loop the moment there is work instead of at its next poll; signals while it works are kept (once).</summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try { _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>Wakes the in-process worker the moment an upload completes.</summary>
public sealed class WorkSignal : WakeSignal;
