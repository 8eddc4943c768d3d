using System.Net;
using System.Net.Sockets;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Data;

/// <summary>A PORT/EPRT target: the server connects to it from the control connection's local address.</summary>
internal sealed class ActiveDataSource(IPEndPoint target, IPAddress localAddress) : IDataConnectionSource
{
    public async ValueTask<Socket> OpenAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new Deadline(time, timeout, cancellationToken);
        try
        {
            if (localAddress.AddressFamily == target.AddressFamily)
            {
                socket.Bind(new IPEndPoint(localAddress, 0));
            }

            await socket.ConnectAsync(target, deadline.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            socket.Dispose();
            throw new DataConnectionException($"Could not connect to {target}.", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
    }
}
