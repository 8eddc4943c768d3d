using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions.Networking;
using Receiver.Ssh.Transport;

namespace Receiver.Ssh;

/// <summary>
/// The SSH server: listens on the configured endpoints and runs one <see cref="SshConnection"/> per client; the
/// accept loop, the connection limits and the deadline heartbeat are the shared <see cref="ConnectionServer"/>.
/// </summary>
public sealed class SshServer : IAsyncDisposable, IConnectionFactory
{
    private readonly SshServerOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionServer _server;
    private ConnectionSettings? _settings;

    public SshServer(SshServerOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _server = new ConnectionServer("SSH", options.Limits, options.LoginGraceTime, options.TimeProvider, logger);
    }

    /// <summary>The endpoints actually bound (with the real port when <see cref="SshServerOptions.Port"/> is 0).</summary>
    public IReadOnlyList<IPEndPoint> BoundEndPoints { get; private set; } = [];

    /// <summary>The settings every connection shares (null before start); tests read its counters.</summary>
    internal ConnectionSettings? Settings => _settings;

    /// <summary>Open connections that have not logged in yet.</summary>
    public int UnauthenticatedConnections => _server.PendingCount;

    /// <summary>Open connections.</summary>
    public int Connections => _server.ConnectionCount;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _settings = new ConnectionSettings(_options);
        var bound = new List<IPEndPoint>();
        var port = _options.Port;
        try
        {
            foreach (var address in _options.ListenAddresses)
            {
                var endPoint = _server.Listen(new IPEndPoint(address, port), this);
                port = port == 0 && _options.ListenAddresses.Count > 1 ? endPoint.Port : port;
                bound.Add(endPoint);
                SshLog.Listening(_logger, endPoint, _options.Profile);
            }
        }
        catch
        {
            await _server.StopAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            throw;
        }

        BoundEndPoints = bound;
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _server.StopAsync(TimeSpan.FromSeconds(15), cancellationToken);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync().ConfigureAwait(false);

    IServerConnection IConnectionFactory.Create(Socket socket, IPEndPoint remote)
    {
        socket.NoDelay = true;
        var thread = new ConnectionThread(socket);
        return new Connection(new SshConnection(thread, remote, _settings!, _logger), thread);
    }

    // A refused SSH client is closed without a word, as sshd does past MaxStartups.
    Task IConnectionFactory.RefuseAsync(Socket socket)
    {
        socket.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>An <see cref="SshConnection"/> as the shared plumbing sees it.</summary>
    private sealed class Connection(SshConnection connection, ConnectionThread thread) : IServerConnection
    {
        public bool IsAuthenticated => connection.IsAuthenticated;

        public bool HasFailedLogin => connection.HasFailedLogin;

        public Task RunAsync(CancellationToken stopping) => thread.RunAsync(() => connection.RunAsync(stopping), "ssh connection");

        public void CheckDeadlines(long now) => connection.CheckDeadlines();

        public void Close(string reason) => connection.Close(reason);

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
