using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Ftp.Data;
using Receiver.Ftp.Session;

namespace Receiver.Ftp;

/// <summary>
/// An FTP/FTPS server: listens on the control endpoints (plain + AUTH TLS) and the implicit-TLS endpoints, runs one
/// session per connection, and checks every session's deadlines from a single heartbeat.
/// </summary>
public sealed class FtpServer : IAsyncDisposable
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    private readonly ServerContext context;
    private readonly ConnectionLimiter limiter;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<FtpSession, Task> sessions = new();
    private readonly List<Socket> listeners = [];
    private readonly List<Task> acceptLoops = [];
    private readonly CancellationTokenSource stopping = new();
    private ITimer? heartbeat;
    private long sessionCounter;

    public FtpServer(FtpServerOptions options, IFtpAuthenticator authenticator, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(authenticator);
        loggerFactory ??= NullLoggerFactory.Instance;
        context = new ServerContext(options, authenticator, loggerFactory);
        limiter = new ConnectionLimiter(options.MaxConnections, options.MaxConnectionsPerIp);
        logger = loggerFactory.CreateLogger<FtpServer>();
    }

    /// <summary>The bound control endpoints (with the real port when 0 was asked for); set by <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<IPEndPoint> ControlEndPoints { get; private set; } = [];

    /// <summary>The bound implicit-TLS endpoints; empty when implicit FTPS is off.</summary>
    public IReadOnlyList<IPEndPoint> ImplicitTlsEndPoints { get; private set; } = [];

    /// <summary>Binds every endpoint and starts accepting connections.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        var options = context.Options;
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
            listeners.ForEach(listener => listener.Dispose());
            throw;
        }

        heartbeat = context.Time.CreateTimer(_ => CheckDeadlines(), null, HeartbeatInterval, HeartbeatInterval);
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and ends every session (running transfers are aborted, so no partial file is committed).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        heartbeat?.Dispose();
        listeners.ForEach(listener => listener.Dispose());
        foreach (var session in sessions.Keys)
        {
            session.Abort();
        }

        try
        {
            await Task.WhenAll(acceptLoops.Concat(sessions.Values)).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Some FTP sessions did not end within 10 s of the stop");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    private IPEndPoint Listen(IPEndPoint endPoint, bool implicitTls)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listeners.Add(socket);
        if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
        {
            socket.DualMode = true;
        }

        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(endPoint);
        socket.Listen(128);
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        acceptLoops.Add(AcceptLoopAsync(socket, implicitTls));
        logger.LogInformation("FTP server listening on {EndPoint} ({Kind})", bound, implicitTls ? "implicit TLS" : "plain/explicit TLS");
        return bound;
    }

    private async Task AcceptLoopAsync(Socket listener, bool implicitTls)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // A connection that resets before it is accepted is no reason to stop listening.
                logger.LogDebug("Accept failed: {Reason}", ex.Message);
                continue;
            }

            var address = PassiveDataSource.AddressOf(socket.RemoteEndPoint) ?? IPAddress.None;
            if (!limiter.TryAcquire(address))
            {
                logger.LogWarning("Refused FTP connection from {RemoteEndPoint}: too many connections", socket.RemoteEndPoint);
                _ = RefuseAsync(socket, implicitTls);
                continue;
            }

            var id = Interlocked.Increment(ref sessionCounter).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
            var session = new FtpSession(context, socket, "ftp-" + id, implicitTls);
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            sessions[session] = RunSessionAsync(session, address, registered.Task);
            registered.SetResult();
        }
    }

    private async Task RunSessionAsync(FtpSession session, IPAddress address, Task registered)
    {
        // Start only once the session is in the table, so that its removal at the end cannot come first.
        await registered.ConfigureAwait(false);
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
            limiter.Release(address);
            sessions.TryRemove(session, out _);
        }
    }

    private static async Task RefuseAsync(Socket socket, bool implicitTls)
    {
        using (socket)
        {
            if (implicitTls)
            {
                return;
            }

            try
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes("421 Too many connections; try again later.\r\n")).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
        }
    }

    private void CheckDeadlines()
    {
        var now = context.Time.GetTimestamp();
        foreach (var session in sessions.Keys)
        {
            try
            {
                session.CheckDeadlines(now);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Deadline check failed");
            }
        }
    }
}
