using System.Net.Security;
using System.Net.Sockets;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Data;

/// <summary>
/// An open data connection, clear or TLS-protected (PROT P). Closing it ends TLS with close_notify before the
/// socket closes (TLS 1.3 clients read a missing close_notify as a truncated transfer).
/// </summary>
internal sealed class DataConnection : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly NetworkStream network;
    private SslStream? tls;

    public DataConnection(Socket socket)
    {
        this.socket = socket;
        socket.NoDelay = true;
        network = new NetworkStream(socket, ownsSocket: false);
        Stream = network;
    }

    public Stream Stream { get; private set; }

    public async ValueTask AuthenticateAsServerAsync(SslServerAuthenticationOptions options, CancellationToken cancellationToken)
    {
        tls = new SslStream(network, leaveInnerStreamOpen: true);
        await tls.AuthenticateAsServerAsync(options, cancellationToken).ConfigureAwait(false);
        Stream = tls;
    }

    /// <summary>
    /// Ends a transfer cleanly: close_notify (TLS), FIN, then waits briefly for the client's FIN so that closing
    /// with unread bytes (e.g. the client's own close_notify) does not reset the connection under data in flight.
    /// </summary>
    public async ValueTask CloseAsync(TimeSpan lingerTimeout, TimeProvider time)
    {
        using var timeout = new Deadline(time, lingerTimeout);
        try
        {
            if (tls is not null)
            {
                await tls.ShutdownAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            }

            socket.Shutdown(SocketShutdown.Send);
            var drain = new byte[512];
            while (await Stream.ReadAsync(drain, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client has gone already; the transfer's outcome was decided before closing.
        }
    }

    /// <summary>Closes at once with a reset, for aborted transfers.</summary>
    public void Abort()
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (tls is not null)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
        }

        await network.DisposeAsync().ConfigureAwait(false);
        socket.Dispose();
    }
}
