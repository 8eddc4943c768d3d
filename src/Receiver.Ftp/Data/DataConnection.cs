using System.Buffers;
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
    private readonly Socket _socket;
    private readonly NetworkStream _network;
    private SslStream? _tls;

    public DataConnection(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _network = new NetworkStream(_socket, ownsSocket: false);
        Stream = _network;
    }

    public Stream Stream { get; private set; }

    public async ValueTask AuthenticateAsServerAsync(SslServerAuthenticationOptions options, CancellationToken cancellationToken)
    {
        _tls = new SslStream(_network, leaveInnerStreamOpen: true);
        await _tls.AuthenticateAsServerAsync(options, cancellationToken).ConfigureAwait(false);
        Stream = _tls;
    }

    /// <summary>
    /// Ends a transfer cleanly: close_notify (TLS), FIN, then reads and drops what the client still sends until its
    /// FIN or <paramref name="lingerTimeout"/>, so that closing with unread bytes (the client's own close_notify, or
    /// the rest of an upload refused mid-transfer for a full disk or a quota) does not reset the connection before
    /// the client has read the final reply. What is still unread at the deadline is reset on dispose.
    /// </summary>
    public async ValueTask CloseAsync(TimeSpan lingerTimeout, TimeProvider time)
    {
        using var timeout = new Deadline(time, lingerTimeout);
        var drain = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            if (_tls is not null)
            {
                await _tls.ShutdownAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            }

            _socket.Shutdown(SocketShutdown.Send);
            while (await Stream.ReadAsync(drain, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client has gone already; the transfer's outcome was decided before closing.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(drain);
        }
    }

    /// <summary>Closes at once with a reset, for aborted transfers.</summary>
    public void Abort()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_tls is not null)
        {
            await _tls.DisposeAsync().ConfigureAwait(false);
        }

        await _network.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
