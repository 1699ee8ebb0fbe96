namespace LessonReview.Bench;

/// <summary>Samples a process's resident memory every 50 ms (a server's, or this one's); reports the peak growth over the start.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly long _before;
    private long _peak;

    /// <summary>The resident bytes when sampling began.</summary>
    public long Before => _before;

    public MemorySampler(AppProcess app) : this(app.ResidentBytes) { }

    public MemorySampler(Func<long> residentBytes)
    {
        _before = _peak = residentBytes();
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, residentBytes());
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
        var growthMb = await StopAsync() / (1024.0 * 1024);
        Console.WriteLine($"{what,-44} {growthMb,9:0.0} MB (from {_before / (1024.0 * 1024):0} MB)  goal < 100 MB  {(growthMb < 100 ? "MET" : "NOT MET")}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
