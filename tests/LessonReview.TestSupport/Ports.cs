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
}
