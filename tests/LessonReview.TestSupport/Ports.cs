using System.Net;
using System.Net.Sockets;

namespace LessonReview.TestSupport;

/// <summary>Loopback ports for the servers tests and benchmarks start.</summary>
public static class Ports
{
    /// <summary>A port nothing listens on right now (the OS picks it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on loopback <paramref name="port"/>: true, or false when the server's process exits or time runs out.</summary>
    public static async Task<bool> ListeningAsync(int port, System.Diagnostics.Process server, TimeSpan timeout)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !server.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        return false;
    }
}
