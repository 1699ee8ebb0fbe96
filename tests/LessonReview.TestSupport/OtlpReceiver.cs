using System.Net;
using System.Text;

namespace LessonReview.TestSupport;

/// <summary>
/// A loopback OTLP/HTTP endpoint (no collector exists here) that keeps what the app's real
/// OpenTelemetry exporter sends to <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c>.
/// Bodies are protobuf, whose strings are plain UTF-8, so a test finds span, metric and log names in them.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string Signal, byte[] Body)> _received = [];

    public OtlpReceiver()
    {
        Port = Ports.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Settings that point an app's OTLP exporter here and make it export within a second.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };

    /// <summary>True once a <paramref name="signal"/> export ("traces", "metrics", "logs") has contained <paramref name="text"/>.</summary>
    public bool Saw(string signal, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        lock (_received) return _received.Any(r => r.Signal == signal && r.Body.AsSpan().IndexOf(bytes) >= 0);
    }

    /// <summary>Waits until every text has been seen in <paramref name="signal"/> exports; names the ones that never came.</summary>
    public async Task WaitForAsync(string signal, TimeSpan timeout, params string[] texts)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (texts.Any(t => !Saw(signal, t)) && DateTime.UtcNow < deadline) await Task.Delay(100);
        var missing = texts.Where(t => !Saw(signal, t)).ToList();
        if (missing.Count > 0)
            throw new TimeoutException($"No {signal} export contained: {string.Join(", ", missing)} ({Count(signal)} {signal} exports received).");
    }

    public int Count(string signal)
    {
        lock (_received) return _received.Count(r => r.Signal == signal);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var signal = context.Request.Url!.AbsolutePath.TrimStart('/').Replace("v1/", "");
            lock (_received) _received.Add((signal, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
