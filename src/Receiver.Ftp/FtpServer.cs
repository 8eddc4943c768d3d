using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Abstractions.Networking;
using Receiver.Ftp.Session;

namespace Receiver.Ftp;

/// <summary>
/// An FTP/FTPS server: listens on the control endpoints (plain + AUTH TLS) and the implicit-TLS endpoints and runs
/// one session per connection; the accept loop, the connection limits and the deadline heartbeat are the shared
/// <see cref="ConnectionServer"/>.
/// </summary>
public sealed class FtpServer : IAsyncDisposable
{
    private readonly ServerContext _context;
    private readonly ConnectionServer _server;
    private long _sessionCounter;

    public FtpServer(FtpServerOptions options, IFtpAuthenticator authenticator, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(authenticator);
        loggerFactory ??= NullLoggerFactory.Instance;
        _context = new ServerContext(options, authenticator, loggerFactory);
        Logger = loggerFactory.CreateLogger<FtpServer>();
        _server = new ConnectionServer("FTP", options.Limits, options.LoginGraceTime, options.TimeProvider, Logger);
    }

    /// <summary>The bound control endpoints (with the real port when 0 was asked for); set by <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<IPEndPoint> ControlEndPoints { get; private set; } = [];

    /// <summary>The bound implicit-TLS endpoints; empty when implicit FTPS is off.</summary>
    public IReadOnlyList<IPEndPoint> ImplicitTlsEndPoints { get; private set; } = [];

    /// <summary>Open control connections that have not logged in yet.</summary>
    public int ConnectionsNotLoggedIn => _server.PendingCount;

    /// <summary>Open control connections.</summary>
    public int Connections => _server.ConnectionCount;

    private ILogger Logger { get; }

    /// <summary>Binds every endpoint and starts accepting connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var options = _context.Options;
        if (options.ImplicitTlsEndPoints.Count > 0 && options.Certificate is null)
        {
            throw new InvalidOperationException("Implicit FTPS needs a certificate.");
        }

        try
        {
            ControlEndPoints = options.ControlEndPoints.Select(endPoint => Listen(endPoint, implicitTls: false)).ToList();
            ImplicitTlsEndPoints = options.ImplicitTlsEndPoints.Select(endPoint => Listen(endPoint, implicitTls: true)).ToList();
        }
        catch
        {
            await _server.StopAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops listening and ends every session (running transfers are aborted, so no partial file is committed).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _server.StopAsync(TimeSpan.FromSeconds(10), cancellationToken);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync().ConfigureAwait(false);

    private IPEndPoint Listen(IPEndPoint endPoint, bool implicitTls)
    {
        var bound = _server.Listen(endPoint, new SessionFactory(this, implicitTls));
        Logger.LogInformation("FTP server listening on {EndPoint} ({Kind})", bound, implicitTls ? "implicit TLS" : "plain/explicit TLS");
        return bound;
    }

    /// <summary>Makes the sessions of one listening endpoint (plain or implicit TLS).</summary>
    private sealed class SessionFactory(FtpServer owner, bool implicitTls) : IConnectionFactory
    {
        public IServerConnection Create(Socket socket, IPEndPoint remote)
        {
            var id = Interlocked.Increment(ref owner._sessionCounter).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
            return new FtpSession(owner._context, socket, "ftp-" + id, implicitTls);
        }

        public async Task RefuseAsync(Socket socket)
        {
            using (socket)
            {
                if (implicitTls)
                {
                    return;
                }

                try
                {
                    using var timeout = new Deadline(owner._context.Time, TimeSpan.FromSeconds(5));
                    await socket.SendAsync(Encoding.ASCII.GetBytes("421 Too many connections; try again later.\r\n"), timeout.Token).ConfigureAwait(false);
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
                {
                }
            }
        }
    }
}
