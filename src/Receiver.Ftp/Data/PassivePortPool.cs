using System.Net;
using System.Net.Sockets;

namespace Receiver.Ftp.Data;

/// <summary>
/// Hands out listening sockets for PASV/EPSV from the configured port range, round-robin so that a port just
/// released (possibly in TIME_WAIT) is not retried first; an empty range means OS-chosen ephemeral ports.
/// </summary>
internal sealed class PassivePortPool
{
    private readonly int min;
    private readonly int max;
    private readonly bool useRange;
    private int next;

    public PassivePortPool(int min, int max)
    {
        this.min = min;
        this.max = max;
        useRange = min > 0 && max >= min;
        next = min;
    }

    public Socket Listen(IPAddress address)
    {
        if (!useRange)
        {
            return Bind(address, 0) ?? throw new SocketException((int)SocketError.AddressNotAvailable);
        }

        var count = max - min + 1;
        for (var attempt = 0; attempt < count; attempt++)
        {
            var port = min + (int)((uint)(Interlocked.Increment(ref next) - min) % (uint)count);
            if (Bind(address, port) is { } socket)
            {
                return socket;
            }
        }

        throw new SocketException((int)SocketError.AddressAlreadyInUse);
    }

    private static Socket? Bind(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(4);
            return socket;
        }
        catch (SocketException) when (port != 0)
        {
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
