using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions.Networking;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Data;

/// <summary>
/// A PASV/EPSV listener. It accepts a data connection only from the control connection's peer address (no
/// connection theft); a connection from anywhere else is closed and the wait goes on until the timeout.
/// </summary>
internal sealed class PassiveDataSource(Socket listener, IPAddress allowedPeer, ILogger logger, Action<string> onRefused) : IDataConnectionSource
{
    public IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndPoint!;

    public async ValueTask<Socket> OpenAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new Deadline(time, timeout, cancellationToken);
        try
        {
            while (true)
            {
                var socket = await listener.AcceptAsync(deadline.Token).ConfigureAwait(false);
                var peer = SourceAddress.Of(socket.RemoteEndPoint);
                if (peer is not null && peer.Equals(allowedPeer))
                {
                    return socket;
                }

                logger.LogWarning("Refused a passive data connection from {DataPeer}: the control connection comes from {ControlPeer}", peer, allowedPeer);
                onRefused($"passive data connection from {peer} (control connection from {allowedPeer})");
                socket.Dispose();
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DataConnectionException("No data connection was made in time.", ex);
        }
        catch (SocketException ex)
        {
            throw new DataConnectionException("Could not accept the data connection.", ex);
        }
    }

    public void Dispose() => listener.Dispose();
}
