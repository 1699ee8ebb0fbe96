namespace LessonReview.Bench;

/// <summary>Samples a server process's resident memory every 50 ms; reports the peak growth over the start.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly long _before;
    private long _peak;

    public MemorySampler(AppProcess app)
    {
        _before = _peak = app.ResidentBytes();
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, app.ResidentBytes());
                await Task.Delay(50);
            }
        });
    }

    /// <summary>Stops sampling; the peak growth over the start, in bytes.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        return _peak - _before;
    }

    /// <summary>Stops sampling and prints the growth against the 100 MB goal.</summary>
    public async Task ReportAsync(string what)
    {
        await _stop.CancelAsync();
        await _sampling;
        var growthMb = (_peak - _before) / (1024.0 * 1024);
        Console.WriteLine($"{what,-44} {growthMb,9:0.0} MB (from {_before / (1024.0 * 1024):0} MB)  goal < 100 MB  {(growthMb < 100 ? "MET" : "NOT MET")}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
