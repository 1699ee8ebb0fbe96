using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LessonReview.TestSupport;

/// <summary>
/// A real Azurite blob service (npm package in tests/tools) on a free loopback port with a
/// temporary data folder, stopped on dispose. Started with a raised open-file limit (DESIGN.md).
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder _location;

    private Azurite(Process process, TempFolder location, int port) => (_process, _location, Port) = (process, location, port);

    public int Port { get; }
    public string BlobEndpoint => $"http://127.0.0.1:{Port}/devstoreaccount1";

    /// <summary>The standard connection string for Azurite's development account on this port.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint={BlobEndpoint};";

    public static async Task<Azurite> StartAsync()
    {
        var binary = Path.Combine(Repository.Root, "tests", "tools", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(binary)) throw new InvalidOperationException($"Azurite is not installed ({binary}). Run scripts/setup.sh.");
        var location = new TempFolder();
        var port = Ports.Free();
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"ulimit -n 65536 2>/dev/null || ulimit -n 4096; exec '{binary}' --blobHost 127.0.0.1 --blobPort {port} " +
                              $"--location '{location.Path}' --silent --loose --skipApiVersionCheck");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, location, port);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return azurite;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        await azurite.DisposeAsync();
        throw new TimeoutException("Azurite did not start within 10 seconds.");
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _location.Dispose();
    }
}
