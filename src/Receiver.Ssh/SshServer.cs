using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Receiver.Ssh;

/// <summary>
/// The SSH server: listens on the configured endpoints, applies the connection limits, runs one
/// <see cref="SshConnection"/> per client and checks all connections' deadlines from one heartbeat.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private readonly SshServerOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<SshConnection, Task> _connections = new();
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionSettings? _settings;

    public SshServer(SshServerOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <summary>The endpoints actually bound (with the real port when <see cref="SshServerOptions.Port"/> is 0).</summary>
    public IReadOnlyList<IPEndPoint> BoundEndPoints { get; private set; } = [];

    /// <summary>The settings every connection shares (null before start); tests read its counters.</summary>
    internal ConnectionSettings? Settings => _settings;

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        _settings = new ConnectionSettings(_options);
        var bound = new List<IPEndPoint>();
        var port = _options.Port;
        foreach (var address in _options.ListenAddresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(128);
            var endPoint = (IPEndPoint)socket.LocalEndPoint!;
            port = port == 0 && _options.ListenAddresses.Count > 1 ? endPoint.Port : port;
            bound.Add(endPoint);
            _listeners.Add(socket);
            SshLog.Listening(_logger, endPoint, _options.Profile);
        }

        BoundEndPoints = bound;
        foreach (var listener in _listeners)
        {
            _loops.Add(AcceptLoopAsync(listener));
        }

        _loops.Add(HeartbeatAsync());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        var all = _loops.Concat(_connections.Values).ToArray();
        await Task.WhenAll(all).WaitAsync(TimeSpan.FromSeconds(15), _options.TimeProvider, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _logger.LogWarning("SSH accept failed: {Message}", ex.Message);
                continue;
            }

            Accept(client);
        }
    }

    private void Accept(Socket client)
    {
        var remote = (IPEndPoint)client.RemoteEndPoint!;
        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        remote = new IPEndPoint(address, remote.Port);
        var unauthenticated = _connections.Keys.Count(c => !c.IsAuthenticated);
        var fromAddress = _perAddress.AddOrUpdate(address, 1, (_, n) => n + 1);
        if (fromAddress > _options.MaxConnectionsPerAddress || unauthenticated >= _options.MaxUnauthenticatedConnections
            || _connections.Count >= _options.MaxConnections)
        {
            _logger.LogWarning("Refused SSH connection from {RemoteEndPoint}: {Count} open from that address, {Unauthenticated} unauthenticated",
                remote, fromAddress - 1, unauthenticated);
            Release(address);
            client.Dispose();
            return;
        }

        client.NoDelay = true;
        var connection = new SshConnection(new NetworkStream(client, ownsSocket: true), remote, _settings!, _logger);
        var run = Task.Run(async () =>
        {
            try
            {
                await connection.RunAsync(_stopping.Token);
            }
            finally
            {
                // Out of the heartbeat's list before it is disposed: a deadline check must never meet a disposed one.
                _connections.TryRemove(connection, out _);
                Release(address);
                await connection.DisposeAsync();
            }
        });
        _connections[connection] = run;
    }

    private void Release(IPAddress address)
    {
        if (_perAddress.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0)
        {
            _perAddress.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
        }
    }

    private async Task HeartbeatAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                foreach (var connection in _connections.Keys)
                {
                    try
                    {
                        connection.CheckDeadlines();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // One connection's trouble must not stop the heartbeat: it keeps every other's deadlines.
                        SshLog.DeadlineCheckFailed(_logger, ex, connection.SessionId);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }
}
