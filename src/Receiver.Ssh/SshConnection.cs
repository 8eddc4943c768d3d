using System.Net;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ssh.Algorithms;
using Receiver.Ssh.Auth;
using Receiver.Ssh.Connection;
using Receiver.Ssh.Kex;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Transport;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh;

/// <summary>
/// One client connection, split by layer as x/crypto/ssh is: the transport (<see cref="PacketStream"/>: framing,
/// ciphers, sequence numbers), the key exchange (<see cref="KeyExchangeDriver"/>, which also gates the send path),
/// authentication (<see cref="UserAuthentication"/>) and the channel mux (<see cref="ChannelMux"/>). This type owns
/// only the read loop that hands each packet to its layer, the connection's deadlines and its end.
/// </summary>
internal sealed class SshConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly ConnectionSettings _settings;
    private readonly ILogger _logger;
    private readonly PacketStream _packets;
    private readonly KeyExchangeDriver _kex;
    private readonly UserAuthentication _auth;
    private readonly ChannelMux _channels;
    private readonly CancellationTokenSource _closing = new();
    private readonly long _connectedAt;
    private long _lastActivity;
    private string? _closeReason;
    private bool _disconnectReceived;

    public SshConnection(Stream stream, IPEndPoint remoteEndPoint, ConnectionSettings settings, ILogger logger)
    {
        _stream = stream;
        RemoteEndPoint = remoteEndPoint;
        _settings = settings;
        _logger = logger;
        SessionId = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        _packets = new PacketStream(stream, settings.MaxPacketSize);
        _kex = new KeyExchangeDriver(_packets, settings, logger);
        _auth = new UserAuthentication(settings, logger, remoteEndPoint, SessionId, () => _kex.SessionIdentifier!, _kex.Output.ReplyAsync, Publish);
        _channels = new ChannelMux(settings, logger, _kex.Output, NewSessionContext, _closing.Token);
        _connectedAt = settings.TimeProvider.GetTimestamp();
        _lastActivity = _connectedAt;
    }

    public string SessionId { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public bool IsAuthenticated => _auth.IsAuthenticated;

    public bool HasFailedLogin => _auth.HasFailedLogin;

    public async Task RunAsync(CancellationToken serverStopping)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["SessionId"] = SessionId, ["RemoteEndPoint"] = RemoteEndPoint });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _closing.Token);
        var token = linked.Token;
        Publish(SessionEventKind.Connected, null, "connected");
        SshLog.Connected(_logger, RemoteEndPoint);
        var rekeys = Task.CompletedTask;
        try
        {
            await _packets.WriteIdentificationAsync(ConnectionSettings.Identification, token).ConfigureAwait(false);
            await _kex.SendFirstKexInitAsync(token).ConfigureAwait(false);
            _kex.ClientVersion = await _packets.ReadIdentificationAsync(token).ConfigureAwait(false);
            SshLog.ClientIdentification(_logger, LogText.Escape(_kex.ClientVersion));
            rekeys = _kex.RunRekeyRequestsAsync(token);
            while (!_disconnectReceived)
            {
                var payload = await _packets.ReadPacketAsync(token).ConfigureAwait(false);
                _lastActivity = _settings.TimeProvider.GetTimestamp();
                await DispatchAsync(payload, token).ConfigureAwait(false);
                await _kex.StartIfBytesDueAsync(token).ConfigureAwait(false);
            }
        }
        catch (SshNegotiationException ex)
        {
            var offered = LogText.Escape(string.Join(",", ex.ClientOffered));
            SshLog.NegotiationFailed(_logger, ex.Category, offered, string.Join(",", ex.ServerOffered));
            Publish(SessionEventKind.NegotiationFailed, _auth.User, $"no common {ex.Category}; client offered: {offered}");
            await TrySendDisconnectAsync(DisconnectReason.KeyExchangeFailed, $"No common {ex.Category} algorithm.").ConfigureAwait(false);
        }
        catch (SshProtocolException ex)
        {
            if (ex.Reason == DisconnectReason.NoMoreAuthMethodsAvailable)
            {
                _closeReason ??= "too many authentication failures";
            }

            SshLog.ProtocolError(_logger, ex.Message);
            await TrySendDisconnectAsync(ex.Reason, ex.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            var reason = _closeReason ?? "server stopping";
            SshLog.Closing(_logger, reason);
            await TrySendDisconnectAsync(DisconnectReason.ByApplication, reason).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or ObjectDisposedException)
        {
            SshLog.Ended(_logger, ex.Message);
        }
        catch (Exception ex)
        {
            SshLog.UnexpectedError(_logger, ex);
            await TrySendDisconnectAsync(DisconnectReason.ByApplication, "Internal error.").ConfigureAwait(false);
        }
        finally
        {
            await _closing.CancelAsync().ConfigureAwait(false);
            await rekeys.ConfigureAwait(false);
            await _channels.CloseAllAsync().ConfigureAwait(false);
            Publish(SessionEventKind.Closed, _auth.User, _closeReason ?? "closed");
            SshLog.Closed(_logger);
        }
    }

    /// <summary>
    /// Called by the server heartbeat: the login grace time, the idle timeout, the key exchange deadline, and the
    /// re-key interval (a request to the connection's own re-key loop, never an exchange run from here).
    /// </summary>
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
        else if (_kex.IsOverdue(out var running))
        {
            SshLog.KeyExchangeOverdue(_logger, running.TotalSeconds, _settings.KexTimeout.TotalSeconds, _kex.State);
            Close("key exchange timeout");
        }
        else
        {
            _kex.RequestRekeyIfDue();
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
        if (MessageNumber.IsKex(number))
        {
            await _kex.HandleAsync(number, payload, token).ConfigureAwait(false);
            return;
        }

        _kex.CheckAdmitted(number);
        switch (number)
        {
            case MessageNumber.Disconnect:
                var disconnect = DisconnectMessage.Parse(payload.Span);
                SshLog.ClientDisconnected(_logger, disconnect.Reason, LogText.Escape(disconnect.Description));
                _closeReason ??= "client disconnected";
                _disconnectReceived = true;
                return;
            case MessageNumber.Ignore or MessageNumber.Debug or MessageNumber.ExtInfo:
                return;
            case MessageNumber.Unimplemented:
                SshLog.ClientUnimplemented(_logger);
                return;
            case MessageNumber.ServiceRequest:
                await _auth.HandleServiceRequestAsync(payload, token).ConfigureAwait(false);
                return;
            case MessageNumber.UserAuthRequest:
                await _auth.HandleRequestAsync(payload, token).ConfigureAwait(false);
                if (IsAuthenticated)
                {
                    _packets.StopClearingReceived();
                }

                return;
            case >= MessageNumber.GlobalRequest and <= MessageNumber.ChannelFailure when IsAuthenticated:
                await _channels.HandleAsync(number, payload, token).ConfigureAwait(false);
                return;
            case >= MessageNumber.GlobalRequest and <= MessageNumber.ChannelFailure:
                throw new SshProtocolException("Connection protocol message before authentication.");
            default:
                // A transport reply: allowed during a key exchange, so it is never held.
                using (var w = new SshWriter(16))
                {
                    new UnimplementedMessage(_packets.ReceiveSequence - 1).WriteTo(w);
                    await _kex.Output.WriteTransportAsync(w.WrittenMemory, token).ConfigureAwait(false);
                }

                return;
        }
    }

    private SshSessionContext NewSessionContext() =>
        new(SessionId, RemoteEndPoint, _auth.User ?? "", _auth.FileSystem!, _auth.Method, _logger, _settings.Events, _settings.TimeProvider);

    private void Publish(SessionEventKind kind, string? user, string detail)
    {
        try
        {
            _settings.Events.Publish(new SessionEvent(CameraProtocols.Sftp, SessionId, RemoteEndPoint, kind, user, detail));
        }
        catch (Exception ex)
        {
            SshLog.EventSinkFailed(_logger, ex);
        }
    }

    private async ValueTask TrySendDisconnectAsync(DisconnectReason reason, string description)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _settings.TimeProvider);
            using var w = new SshWriter(128);
            new DisconnectMessage(reason, description).WriteTo(w);
            await _kex.Output.WriteTransportAsync(w.WrittenMemory, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SshProtocolException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing.Cancel();
        await _stream.DisposeAsync().ConfigureAwait(false);
        _packets.Dispose();
        _closing.Dispose();
    }
}
