using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Abstractions.Networking;
using Receiver.Ftp.Commands;
using Receiver.Ftp.Data;

namespace Receiver.Ftp.Session;

/// <summary>
/// One control connection: reads command lines, dispatches them through the <see cref="CommandTable"/>, and keeps
/// the session's state. Transfers run beside the command loop so that ABOR (and a vanished client) can be noticed.
/// </summary>
internal sealed partial class FtpSession : IServerConnection
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly bool _implicitTls;
    private Task _transfer = Task.CompletedTask;
    private CancellationTokenSource? _transferCancellation;
    private long _lastActivity;
    private long _lastDataActivity;
    private volatile bool _closing;

    public FtpSession(ServerContext server, Socket socket, string id, bool implicitTls)
    {
        Server = server;
        Id = id;
        _implicitTls = implicitTls;
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        PeerAddress = SourceAddress.Normalize(RemoteEndPoint.Address);
        LocalAddress = SourceAddress.Normalize(LocalEndPoint.Address);
        socket.NoDelay = true;
        Control = new ControlConnection(socket, server.Options.MaxCommandLineLength, server.Time);
        ConnectedAt = server.Time.GetTimestamp();
        _lastActivity = ConnectedAt;
    }

    public ServerContext Server { get; }

    public string Id { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The client's address (IPv4-mapped addresses unmapped): the only address data connections may use.</summary>
    public IPAddress PeerAddress { get; }

    public IPAddress LocalAddress { get; }

    public ControlConnection Control { get; }

    public long ConnectedAt { get; }

    public ILogger Logger => Server.Logger;

    public CameraProtocols Protocol => Control.Tls is null ? CameraProtocols.Ftp : CameraProtocols.Ftps;

    public bool IsTls => Control.Tls is not null;

    public bool IsTransferRunning => !_transfer.IsCompleted;

    public CancellationToken Lifetime => _lifetime.Token;

    public bool IsAuthenticated => FileSystem is not null;

    public bool HasFailedLogin => FailedLogins > 0;

    /// <summary>Runs the session to its end (the server's stop aborts it); never throws.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var stop = stopping.Register(Abort);
        using var scope = Logger.BeginScope(new Dictionary<string, object> { ["SessionId"] = Id, ["RemoteEndPoint"] = RemoteEndPoint });
        Publish(SessionEventKind.Connected, $"{(_implicitTls ? "implicit TLS" : "control")} connection to {LocalEndPoint}");
        Logger.LogDebug("FTP connection from {RemoteEndPoint}", RemoteEndPoint);
        try
        {
            if (_implicitTls && !await TryStartTlsAsync(replyFirst: null).ConfigureAwait(false))
            {
                return;
            }

            await ReplyAsync(220, Server.Options.Banner).ConfigureAwait(false);
            while (!_closing)
            {
                var line = await Control.ReadLineAsync(_lifetime.Token).ConfigureAwait(false);
                if (line is null)
                {
                    break;
                }

                Touch();
                await DispatchAsync(line).ConfigureAwait(false);
            }
        }
        catch (ControlLineException ex)
        {
            Logger.LogWarning("Closing FTP session: {Reason}", ex.Message);
            await TryReplyAsync(500, ex.Message + " Closing the session.").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            Logger.LogDebug("FTP control connection ended: {Reason}", ex.Message);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "FTP session failed");
        }
        finally
        {
            await EndAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Marks command activity for the idle timeout.</summary>
    public void Touch() => Volatile.Write(ref _lastActivity, Server.Time.GetTimestamp());

    /// <summary>Marks data activity, so a running transfer is not idle.</summary>
    public void TouchData() => Volatile.Write(ref _lastDataActivity, Server.Time.GetTimestamp());

    /// <summary>Called by the server's heartbeat: applies the login timeout, the idle timeout and the stalled-transfer timeout.</summary>
    public void CheckDeadlines(long now)
    {
        var options = Server.Options;
        if (FileSystem is null && Server.Time.GetElapsedTime(ConnectedAt, now) > options.LoginGraceTime)
        {
            _ = CloseForTimeoutAsync("Login timeout.");
        }
        else if (options.IdleTimeout <= TimeSpan.Zero)
        {
            // No idle timeout configured.
        }
        else if (IsTransferRunning)
        {
            if (Server.Time.GetElapsedTime(Volatile.Read(ref _lastDataActivity), now) > options.IdleTimeout)
            {
                Logger.LogWarning("FTP transfer stalled; aborting it");
                _transferCancellation?.Cancel();
            }
        }
        else if (Server.Time.GetElapsedTime(Volatile.Read(ref _lastActivity), now) > options.IdleTimeout)
        {
            _ = CloseForTimeoutAsync("Idle timeout.");
        }
    }

    /// <summary>Ends the session at once (server stop).</summary>
    public void Abort()
    {
        _closing = true;
        _lifetime.Cancel();
    }

    public void RequestClose() => _closing = true;

    /// <summary>Ends the session with a 421 (pushed out to make room for other sources).</summary>
    public void Close(string reason) => _ = CloseForTimeoutAsync(reason);

    public async ValueTask ReplyAsync(int code, string text) =>
        await Control.WriteAsync(FtpReply.Line(code, text), _lifetime.Token).ConfigureAwait(false);

    public async ValueTask ReplyAsync(string formatted) =>
        await Control.WriteAsync(formatted, _lifetime.Token).ConfigureAwait(false);

    /// <summary>A reply that may find the client gone (end of a transfer, shutdown): failure is not an error.</summary>
    public async ValueTask TryReplyAsync(int code, string text)
    {
        try
        {
            using var timeout = new Deadline(Server.Time, TimeSpan.FromSeconds(5));
            await Control.WriteAsync(FtpReply.Line(code, text), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            Logger.LogDebug("Could not send reply {Code}: {Reason}", code, ex.Message);
        }
    }

    public void Publish(SessionEventKind kind, string detail)
    {
        try
        {
            Server.Options.EventSink.Publish(new SessionEvent(Protocol, Id, RemoteEndPoint, kind, User ?? PendingUser, detail));
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Session event sink failed");
        }
    }

    /// <summary>Runs a transfer beside the command loop; its body sends its own 150/226/4xx replies.</summary>
    public void StartTransfer(Func<CancellationToken, Task> body)
    {
        _transferCancellation?.Dispose();
        _transferCancellation = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        var token = _transferCancellation.Token;
        TouchData();
        _transfer = Task.Run(() => body(token));
    }

    /// <summary>AUTH TLS / implicit TLS: handshake on the control connection; false (and the session ends) on failure.</summary>
    public async ValueTask<bool> TryStartTlsAsync(string? replyFirst)
    {
        if (Server.Tls is null)
        {
            return false;
        }

        if (replyFirst is not null)
        {
            await ReplyAsync(replyFirst).ConfigureAwait(false);
        }

        using var timeout = new Deadline(Server.Time, Server.Options.LoginGraceTime, _lifetime.Token);
        try
        {
            await Control.UpgradeToTlsAsync(Server.Tls.CreateOptions(), timeout.Token).ConfigureAwait(false);
            ProtectData = _implicitTls;
            Logger.LogDebug("TLS on the control connection: {TlsProtocol} {CipherSuite}", Control.Tls!.SslProtocol, Control.Tls.NegotiatedCipherSuite);
            return true;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or ControlLineException)
        {
            var detail = $"TLS handshake on the control connection failed: {Tls.TlsSettings.Describe(ex)}";
            Logger.LogWarning("{Detail}", detail);
            Publish(SessionEventKind.NegotiationFailed, detail);
            _closing = true;
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Control.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
        _transferCancellation?.Dispose();
    }

    private async Task CloseForTimeoutAsync(string reason)
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        Logger.LogInformation("Closing FTP session: {Reason}", reason);
        await TryReplyAsync(421, reason + " Closing the control connection.").ConfigureAwait(false);
        _lifetime.Cancel();
    }

    private async Task EndAsync()
    {
        _closing = true;

        // A transfer outlives its control connection: a client may close right after sending the data, and the
        // upload must still be committed (or aborted by its own data connection's fate).
        try
        {
            await _transfer.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "FTP transfer failed");
        }

        DataSource?.Dispose();
        DataSource = null;
        Publish(SessionEventKind.Closed, "session closed");
        Logger.LogDebug("FTP session closed");
    }
}
