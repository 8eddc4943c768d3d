using System.Net;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ssh.Algorithms;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Transport;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh;

/// <summary>
/// One client connection: the read loop that dispatches every packet, the serialized send path, and the
/// per-connection state of the transport (SshConnection.Kex.cs), authentication (SshConnection.Auth.cs) and
/// channels (SshConnection.Channels.cs).
/// </summary>
internal sealed partial class SshConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly ConnectionSettings _settings;
    private readonly ILogger _logger;
    private readonly PacketStream _packets;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly long _connectedAt;
    private long _lastActivity;
    private string? _closeReason;

    public SshConnection(Stream stream, IPEndPoint remoteEndPoint, ConnectionSettings settings, ILogger logger)
    {
        _stream = stream;
        RemoteEndPoint = remoteEndPoint;
        _settings = settings;
        _logger = logger;
        SessionId = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        _packets = new PacketStream(stream, settings.MaxPacketSize);
        _connectedAt = settings.TimeProvider.GetTimestamp();
        _lastActivity = _connectedAt;
        _lastKexAt = _connectedAt;
    }

    public string SessionId { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public bool IsAuthenticated { get; private set; }

    private ISessionEventSink Events => _settings.Events;

    public async Task RunAsync(CancellationToken serverStopping)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["SessionId"] = SessionId, ["RemoteEndPoint"] = RemoteEndPoint });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _closing.Token);
        var token = linked.Token;
        Publish(SessionEventKind.Connected, null, "connected");
        _logger.LogDebug("SSH connection from {RemoteEndPoint}", RemoteEndPoint);
        try
        {
            await _packets.WriteIdentificationAsync(ConnectionSettings.Identification, token);
            await StartKexAsync(token);
            _clientVersion = await _packets.ReadIdentificationAsync(token);
            _logger.LogDebug("Client identification {ClientVersion}", _clientVersion);
            while (true)
            {
                var payload = await _packets.ReadPacketAsync(token);
                _lastActivity = _settings.TimeProvider.GetTimestamp();
                await DispatchAsync(payload, token);
                if (_disconnectReceived)
                {
                    break;
                }

                await MaybeStartRekeyAsync(token);
            }
        }
        catch (SshNegotiationException ex)
        {
            _logger.LogWarning("SSH negotiation failed: no common {Category}. Client offered: {ClientOffered}. Server offers: {ServerOffered}",
                ex.Category, string.Join(",", ex.ClientOffered), string.Join(",", ex.ServerOffered));
            Publish(SessionEventKind.NegotiationFailed, _user, $"no common {ex.Category}; client offered: {string.Join(",", ex.ClientOffered)}");
            await TrySendDisconnectAsync(DisconnectReason.KeyExchangeFailed, $"No common {ex.Category} algorithm.");
        }
        catch (SshProtocolException ex)
        {
            _logger.LogWarning("SSH protocol error, closing the connection: {Message}", ex.Message);
            await TrySendDisconnectAsync(ex.Reason, ex.Message);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            var reason = _closeReason ?? "server stopping";
            _logger.LogInformation("Closing SSH connection: {Reason}", reason);
            await TrySendDisconnectAsync(DisconnectReason.ByApplication, reason);
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or ObjectDisposedException)
        {
            _logger.LogDebug("SSH connection ended: {Message}", ex.Message);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Unexpected error in SSH connection");
            await TrySendDisconnectAsync(DisconnectReason.ByApplication, "Internal error.");
        }
        finally
        {
            await _closing.CancelAsync();
            await CloseAllChannelsAsync();
            Publish(SessionEventKind.Closed, _user, _closeReason ?? "closed");
            _logger.LogDebug("SSH connection closed");
        }
    }

    /// <summary>Called by the server heartbeat: enforces the login grace time, the idle timeout and the rekey interval.</summary>
    public void CheckDeadlines()
    {
        var time = _settings.TimeProvider;
        if (!IsAuthenticated && time.GetElapsedTime(_connectedAt) > _settings.LoginGraceTime)
        {
            Close("login grace time exceeded");
        }
        else if (IsAuthenticated && _settings.IdleTimeout > TimeSpan.Zero && time.GetElapsedTime(Interlocked.Read(ref _lastActivity)) > _settings.IdleTimeout)
        {
            Close("idle timeout");
        }
        else if (_firstKexDone && !_kexInProgress && _kexStage == KexStage.Idle && time.GetElapsedTime(_lastKexAt) > _settings.RekeyInterval)
        {
            // Only between exchanges: a tick while one runs (the clock restarts at NEWKEYS) would queue a second,
            // needless exchange right after it.
            _rekeyDue = true;
            _ = Task.Run(async () =>
            {
                try
                {
                    await MaybeStartRekeyAsync(_closing.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
                {
                }
            });
        }
    }

    public void Close(string reason)
    {
        _closeReason ??= reason;
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already closed and disposed: nothing left to stop.
        }
    }

    private async ValueTask DispatchAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        var number = payload.Span[0];
        if (MessageNumber.IsKex(number) || !_firstKexDone)
        {
            await HandleKexMessageAsync(number, payload, token);
            return;
        }

        switch (number)
        {
            case MessageNumber.Disconnect:
                var disconnect = DisconnectMessage.Parse(payload.Span);
                _logger.LogInformation("Client disconnected ({Reason}): {Description}", disconnect.Reason, disconnect.Description);
                _closeReason ??= "client disconnected";
                _disconnectReceived = true;
                return;
            case MessageNumber.Ignore or MessageNumber.Debug or MessageNumber.ExtInfo:
                return;
            case MessageNumber.Unimplemented:
                _logger.LogDebug("Client reported a message as unimplemented");
                return;
            case MessageNumber.ServiceRequest:
                await HandleServiceRequestAsync(payload, token);
                return;
            case MessageNumber.UserAuthRequest:
                await HandleUserAuthRequestAsync(payload, token);
                return;
            case >= MessageNumber.GlobalRequest and <= MessageNumber.ChannelFailure when IsAuthenticated:
                await HandleConnectionMessageAsync(number, payload, token);
                return;
            case >= MessageNumber.GlobalRequest and <= MessageNumber.ChannelFailure:
                throw new SshProtocolException("Connection protocol message before authentication.");
            default:
                using (var w = new SshWriter(16))
                {
                    new UnimplementedMessage(_packets.ReceiveSequence - 1).WriteTo(w);
                    await SendFromReaderAsync(w, token);
                }

                return;
        }
    }

    private void Publish(SessionEventKind kind, string? user, string detail)
    {
        try
        {
            Events.Publish(new SessionEvent("sftp", SessionId, RemoteEndPoint, kind, user, detail));
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Session event sink failed");
        }
    }

    private async ValueTask TrySendDisconnectAsync(DisconnectReason reason, string description)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var w = new SshWriter(128);
            new DisconnectMessage(reason, description).WriteTo(w);
            await _sendLock.WaitAsync(timeout.Token);
            try
            {
                await WriteLockedAsync(w.WrittenMemory, timeout.Token);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SshProtocolException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing.Cancel();
        await _stream.DisposeAsync();
        _packets.Dispose();
        _closing.Dispose();
    }
}
