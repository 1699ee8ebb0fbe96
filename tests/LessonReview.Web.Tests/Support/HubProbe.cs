using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace LessonReview.Web.Tests.Support;

/// <summary>Runs the real JS SignalR client (node/hub-probe.cjs) as a signed-in user and collects what it saw.</summary>
public sealed class HubProbe : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<JsonElement> _lines = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubProbe(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.Data)) return;
            var line = JsonDocument.Parse(e.Data).RootElement.Clone();
            lock (_lines) _lines.Add(line);
            if (line.GetProperty("event").GetString() is "ready" or "start-failed") _ready.TrySetResult();
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Connects as the user behind <paramref name="client"/>'s cookie and joins the given groups.</summary>
    public static async Task<HubProbe> StartAsync(AppHost host, HttpClient client, TimeSpan listenFor, params (string Method, Guid Id)[] joins)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "node", "hub-probe.cjs"));
        info.ArgumentList.Add(host.BaseAddress.ToString().TrimEnd('/'));
        info.ArgumentList.Add(host.CookieHeader(client));
        info.ArgumentList.Add(JsonSerializer.Serialize(joins.Select(j => new[] { j.Method, j.Id.ToString() })));
        info.ArgumentList.Add(((int)listenFor.TotalMilliseconds).ToString());
        info.Environment["NODE_PATH"] = Path.Combine(LessonReview.TestSupport.Repository.Root, "src", "LessonReview.Web", "node_modules");
        var probe = new HubProbe(Process.Start(info)!);
        await probe._ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return probe;
    }

    public IReadOnlyList<JsonElement> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }

    public IEnumerable<JsonElement> Events(string name) => Lines.Where(l => l.GetProperty("event").GetString() == name);

    /// <summary>Waits until an event matching <paramref name="match"/> arrives.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool>? match = null, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            var found = Events(name).Where(e => match?.Invoke(e.GetProperty("data")) ?? true).ToList();
            if (found.Count > 0) return found[0];
            await Task.Delay(20);
        }
        throw new TimeoutException($"No {name} event arrived. Seen: {string.Join(" | ", Lines.Select(l => l.GetRawText()))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
