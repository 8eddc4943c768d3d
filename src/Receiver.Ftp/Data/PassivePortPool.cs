using System.Net;
using System.Net.Sockets;

namespace Receiver.Ftp.Data;

/// <summary>
/// Hands out listening sockets for PASV/EPSV from the configured port range, round-robin so that a port just
/// released (possibly in TIME_WAIT) is not retried first; an empty range means OS-chosen ephemeral ports.
/// </summary>
internal sealed class PassivePortPool
{
    private readonly int _min;
    private readonly int _max;
    private readonly bool _useRange;
    private int _next;

    public PassivePortPool(int min, int max)
    {
        _min = min;
        _max = max;
        _useRange = _min > 0 && _max >= _min;
        _next = _min;
    }

    public Socket Listen(IPAddress address)
    {
        if (!_useRange)
        {
            return Bind(address, 0) ?? throw new SocketException((int)SocketError.AddressNotAvailable);
        }

        var count = _max - _min + 1;
        for (var attempt = 0; attempt < count; attempt++)
        {
            var port = _min + (int)((uint)(Interlocked.Increment(ref _next) - _min) % (uint)count);
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
