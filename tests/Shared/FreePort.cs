using System.Net;
using System.Net.Sockets;

namespace Receiver.Testing;

/// <summary>
/// Loopback ports for tests. The receiver treats port 0 as "off", so a test asks the kernel for a free port,
/// releases it and hands the number over; <see cref="WaitForListenerAsync"/> then waits until something listens.
/// Linked into the test projects that start a receiver on numbered ports.
/// </summary>
internal static class FreePort
{
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Returns once a TCP connection to the port succeeds; fails after two minutes.</summary>
    public static async Task WaitForListenerAsync(int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }
}
