namespace LessonReview.Core.Processing;

/// <summary>Wakes a polling loop the moment there is work instead of at its next poll; signals while it works are kept (once).</summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public virtual void Notify()
    {
        try { _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Wakes the in-process worker the moment there is work (an upload completed, an analysis asked
/// for): its playback lane through this signal, its analysis lane through <see cref="Analysis"/>.
/// </summary>
public sealed class WorkSignal : WakeSignal
{
    public WakeSignal Analysis { get; } = new();

    public override void Notify()
    {
        base.Notify();
        Analysis.Notify();
    }
}
