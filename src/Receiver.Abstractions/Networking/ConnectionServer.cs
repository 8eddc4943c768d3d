using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Receiver.Abstractions.Networking;

/// <summary>
/// The server plumbing SSH and FTP share: listening sockets, one accept loop per socket, admission through the
/// <see cref="AdmissionTable"/> (a connection is registered before its task starts), and one heartbeat that
/// checks every connection's deadlines (as Kestrel's Heartbeat does, instead of a timer per connection).
/// </summary>
public sealed partial class ConnectionServer : IAsyncDisposable
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    private readonly string _protocol;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AdmissionTable _admission;
    private readonly RefusalLog _refusals;
    private readonly Dictionary<IServerConnection, Task> _running = [];
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _heartbeat;

    /// <param name="protocol">"SSH" or "FTP", for the log.</param>
    /// <param name="loginGraceTime">A connection not logged in by then counts as one that held its slot silently.</param>
    public ConnectionServer(string protocol, ConnectionLimits limits, TimeSpan loginGraceTime, TimeProvider time, ILogger logger)
    {
        _protocol = protocol;
        _time = time;
        _logger = logger;
        _admission = new AdmissionTable(limits, loginGraceTime, time);
        _refusals = new RefusalLog(protocol, time, logger);
    }

    /// <summary>Open connections.</summary>
    public int ConnectionCount => _admission.Count;

    /// <summary>Open connections that have not logged in.</summary>
    public int PendingCount => _admission.PendingCount;

    public CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Binds one endpoint (an IPv6 any-address also takes IPv4) and starts accepting on it; returns the bound
    /// endpoint. A bind failure throws a <see cref="ListenException"/> (address in use, access denied).
    /// </summary>
    public IPEndPoint Listen(IPEndPoint endPoint, IConnectionFactory factory)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endPoint);
            socket.Listen(128);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new ListenException(endPoint, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _listeners.Add(socket);
        _acceptLoops.Add(AcceptLoopAsync(socket, factory));
        _heartbeat ??= _time.CreateTimer(_ => Heartbeat(), null, HeartbeatInterval, HeartbeatInterval);
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>Stops listening, signals every connection to end and waits for them up to <paramref name="drain"/>.</summary>
    public async Task StopAsync(TimeSpan drain, CancellationToken cancellationToken = default)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _heartbeat?.Dispose();
        _listeners.ForEach(listener => listener.Dispose());
        Task[] all;
        lock (_running)
        {
            all = [.. _acceptLoops, .. _running.Values];
        }

        try
        {
            await Task.WhenAll(all).WaitAsync(drain, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogStopTimeout(_logger, _protocol, drain.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, IConnectionFactory factory)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // A connection reset before it was accepted is no reason to stop listening.
                LogAcceptFailed(_logger, _protocol, ex.SocketErrorCode);
                continue;
            }

            Admit(socket, factory);
        }
    }

    private void Admit(Socket socket, IConnectionFactory factory)
    {
        IPEndPoint remote;
        try
        {
            remote = SourceAddress.Normalize((IPEndPoint)socket.RemoteEndPoint!);
        }
        catch (SocketException)
        {
            socket.Dispose(); // gone already
            return;
        }

        var refusal = _admission.TryAdmit(remote.Address, out var entry, out var pushedOut);
        if (refusal != Refusal.None)
        {
            _refusals.Refused(remote, refusal, _admission.PendingCount);
            _ = factory.RefuseAsync(socket);
            return;
        }

        if (pushedOut is not null)
        {
            LogPushedOut(_logger, _protocol, remote);
            pushedOut.Close("pushed out: its source held more pre-login slots than its share");
        }

        IServerConnection connection;
        try
        {
            connection = factory.Create(socket, remote);
        }
        catch (Exception ex)
        {
            LogCreateFailed(_logger, ex, _protocol, remote);
            _admission.Leave(entry!, out _);
            socket.Dispose();
            return;
        }

        // In the table before the task starts: its removal at the end can never come first.
        AdmissionTable.Enter(entry!, connection);
        lock (_running)
        {
            _running[connection] = RunAsync(connection, entry!, remote);
        }
    }

    private async Task RunAsync(IServerConnection connection, AdmissionTable.Entry entry, IPEndPoint remote)
    {
        await Task.Yield();
        try
        {
            await connection.RunAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogConnectionFailed(_logger, ex, _protocol, remote);
        }
        finally
        {
            // Out of the heartbeat's list before it is disposed: a deadline check must never meet a disposed one.
            if (_admission.Leave(entry, out var end))
            {
                LogPenalized(_logger, _protocol, entry.Source, end);
            }

            lock (_running)
            {
                _running.Remove(connection);
            }

            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogConnectionFailed(_logger, ex, _protocol, remote);
            }
        }
    }

    private void Heartbeat()
    {
        var now = _time.GetTimestamp();
        foreach (var connection in _admission.Connections)
        {
            try
            {
                connection.CheckDeadlines(now);
            }
            catch (Exception ex)
            {
                // One connection's trouble must not stop the heartbeat: it keeps every other's deadlines.
                LogDeadlineCheckFailed(_logger, ex, _protocol);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Protocol} accept failed: {SocketError}")]
    private static partial void LogAcceptFailed(ILogger logger, string protocol, SocketError socketError);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Protocol}: a pre-login connection pushed out to admit {RemoteEndPoint}")]
    private static partial void LogPushedOut(ILogger logger, string protocol, IPEndPoint remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Protocol}: source {Source} refused for a while: its connections keep ending without a login (last: {End})")]
    private static partial void LogPenalized(ILogger logger, string protocol, IPAddress source, ConnectionEnd end);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Protocol} connection from {RemoteEndPoint} could not be set up")]
    private static partial void LogCreateFailed(ILogger logger, Exception exception, string protocol, IPEndPoint remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Protocol} connection from {RemoteEndPoint} failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception, string protocol, IPEndPoint remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Protocol} deadline check failed")]
    private static partial void LogDeadlineCheckFailed(ILogger logger, Exception exception, string protocol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Some {Protocol} connections did not end within {Seconds} s of the stop")]
    private static partial void LogStopTimeout(ILogger logger, string protocol, double seconds);
}
