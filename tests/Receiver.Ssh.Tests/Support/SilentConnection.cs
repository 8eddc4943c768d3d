using System.Net;
using System.Net.Sockets;

namespace Receiver.Ssh.Tests.Support;

/// <summary>
/// A TCP connection to the SSH server that never says anything, from a chosen loopback address: the server greets
/// an accepted connection with its version line at once, and closes a refused one without a word.
/// </summary>
internal sealed class SilentConnection : IDisposable
{
    private readonly TcpClient _tcp;

    private SilentConnection(TcpClient tcp)
    {
        _tcp = tcp;
    }

    /// <summary>The connection if the server accepted it (its version line arrived); null if the server closed it.</summary>
    public static async Task<SilentConnection?> TryOpenAsync(int port, string source = "127.0.0.1")
    {
        var tcp = new TcpClient(new IPEndPoint(IPAddress.Parse(source), 0));
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var buffer = new byte[64];
            if (await tcp.GetStream().ReadAsync(buffer, timeout.Token) > 0)
            {
                return new SilentConnection(tcp);
            }
        }
        catch (IOException)
        {
            // Reset by the server: refused as well.
        }

        tcp.Dispose();
        return null;
    }

    /// <summary>Opens one that must be accepted.</summary>
    public static async Task<SilentConnection> OpenAsync(int port, string source = "127.0.0.1") =>
        await TryOpenAsync(port, source) ?? throw new InvalidOperationException($"The server refused a connection from {source}.");

    /// <summary>Waits (up to 15 s) until a connection the server has closed is accepted again, then keeps it.</summary>
    public static async Task<SilentConnection> OpenOnceAcceptedAsync(int port, string source = "127.0.0.1")
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            if (await TryOpenAsync(port, source) is { } accepted)
            {
                return accepted;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The server kept refusing connections from {source}.");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose() => _tcp.Dispose();
}
