using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Receiver.Ssh.Algorithms;
using Receiver.Ssh.Crypto;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Transport;

namespace Receiver.Ssh.Kex;

/// <summary>
/// The key exchange of one connection as a state machine (RFC 4253 §7-9), with strict KEX (OpenSSH PROTOCOL
/// "kex-strict", against Terrapin) and ext-info (RFC 8308). It sits between the transport and the layers above, as
/// x/crypto/ssh's handshakeTransport does: it handles messages 20-49, says which other messages the current state
/// admits, and owns the send path, which it holds while an exchange needs it (see <see cref="OutgoingPackets"/>).
/// </summary>
internal sealed class KeyExchangeDriver
{
    private readonly PacketStream _packets;
    private readonly ConnectionSettings _settings;
    private readonly ILogger _logger;
    private readonly Channel<bool> _rekeyRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private volatile KexState _state = KexState.FirstKexInitSent;
    private byte[]? _serverKexInit;
    private byte[]? _clientKexInit;
    private NegotiatedAlgorithms? _negotiated;
    private IPacketCipher? _pendingIncoming;
    private bool _clientWantsExtInfo;
    private bool _ignoreGuessedPacket;
    private long _exchangeStartedAt;
    private long _lastExchangeAt;
    private int _completedExchanges;

    public KeyExchangeDriver(PacketStream packets, ConnectionSettings settings, ILogger logger)
    {
        _packets = packets;
        _settings = settings;
        _logger = logger;
        Output = new OutgoingPackets(packets, settings.KexHeldReplyLimit, () => _state is KexState.Idle or KexState.AwaitingNewKeys);
        _exchangeStartedAt = _lastExchangeAt = settings.TimeProvider.GetTimestamp();
    }

    public KexState State => _state;

    /// <summary>The send path, gated by this exchange.</summary>
    public OutgoingPackets Output { get; }

    /// <summary>H of the first exchange (RFC 4253 §7.2); null until then.</summary>
    public byte[]? SessionIdentifier { get; private set; }

    public bool StrictKex { get; private set; }

    /// <summary>The client's identification line, hashed into H; set once it is read.</summary>
    public string ClientVersion { get; set; } = "";

    /// <summary>Until the client's first NEWKEYS: no keys in use in both directions yet.</summary>
    private bool InFirstExchange => _completedExchanges == 0;

    /// <summary>Sends the first KEXINIT at connection start (both sides send theirs without waiting, RFC 4253 §7.1).</summary>
    public ValueTask SendFirstKexInitAsync(CancellationToken token) => Output.WriteTransportAsync(_serverKexInit = ServerKexInit(), token);

    /// <summary>
    /// Refuses what the current state does not admit. Before the first NEWKEYS nothing but IGNORE, DEBUG,
    /// UNIMPLEMENTED and DISCONNECT (and under strict KEX nothing at all); after the client's KEXINIT of a re-exchange
    /// only transport messages (1-49) until its NEWKEYS: anything else ends the connection.
    /// </summary>
    public void CheckAdmitted(byte number)
    {
        var state = _state;
        if (state is KexState.Idle or KexState.KexInitSent)
        {
            return;
        }

        if (InFirstExchange)
        {
            if (StrictKex)
            {
                throw new SshProtocolException($"Strict key exchange: unexpected message {number}.") { Reason = DisconnectReason.KeyExchangeFailed };
            }

            if (number is not (MessageNumber.Ignore or MessageNumber.Debug or MessageNumber.Unimplemented or MessageNumber.Disconnect))
            {
                throw new SshProtocolException($"Message {number} before the key exchange completed.");
            }

            return;
        }

        if (number is >= 50 or MessageNumber.ServiceRequest or MessageNumber.ServiceAccept)
        {
            throw new SshProtocolException($"Message {number} during a key exchange: only transport messages are allowed until NEWKEYS.");
        }
    }

    /// <summary>Handles a key exchange message (20-49) from the client.</summary>
    public async ValueTask HandleAsync(byte number, ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        switch (number)
        {
            case MessageNumber.KexInit when _state is KexState.FirstKexInitSent or KexState.Idle or KexState.KexInitSent:
                await OnClientKexInitAsync(payload, token).ConfigureAwait(false);
                return;
            case MessageNumber.KexDhInit when _state == KexState.AwaitingKexDhInit && _ignoreGuessedPacket:
                _ignoreGuessedPacket = false; // RFC 4253 §7: the client's wrong guess is dropped
                return;
            case MessageNumber.KexDhInit when _state == KexState.AwaitingKexDhInit:
                await OnKexDhInitAsync(payload, token).ConfigureAwait(false);
                return;
            case MessageNumber.NewKeys when _state == KexState.AwaitingNewKeys:
                await OnNewKeysAsync(token).ConfigureAwait(false);
                return;
            default:
                throw new SshProtocolException($"Unexpected message {number} during key exchange ({_state}).") { Reason = DisconnectReason.KeyExchangeFailed };
        }
    }

    /// <summary>Starts a re-exchange from the connection's own read loop when the byte limit is reached.</summary>
    public ValueTask StartIfBytesDueAsync(CancellationToken token) =>
        _state == KexState.Idle && _packets.BytesSinceKex >= _settings.RekeyBytes ? StartRekeyAsync(token) : ValueTask.CompletedTask;

    /// <summary>
    /// Called by the server heartbeat: asks the connection's re-key loop for an exchange when the interval has passed
    /// (as x/crypto/ssh's requestKex). The heartbeat never runs the exchange itself.
    /// </summary>
    public void RequestRekeyIfDue()
    {
        if (_state == KexState.Idle && _settings.TimeProvider.GetElapsedTime(Interlocked.Read(ref _lastExchangeAt)) > _settings.RekeyInterval)
        {
            _rekeyRequests.Writer.TryWrite(true);
        }
    }

    /// <summary>True when an exchange has run longer than the key exchange timeout.</summary>
    public bool IsOverdue(out TimeSpan running)
    {
        running = _settings.TimeProvider.GetElapsedTime(Interlocked.Read(ref _exchangeStartedAt));
        return _state != KexState.Idle && running > _settings.KexTimeout;
    }

    /// <summary>The connection's re-key loop: starts the exchanges the heartbeat asked for, one at a time.</summary>
    public async Task RunRekeyRequestsAsync(CancellationToken token)
    {
        try
        {
            while (await _rekeyRequests.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                _rekeyRequests.Reader.TryRead(out _);
                if (_settings.TimeProvider.GetElapsedTime(Interlocked.Read(ref _lastExchangeAt)) > _settings.RekeyInterval)
                {
                    await StartRekeyAsync(token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SshProtocolException)
        {
            // The connection is ending; its read loop reports why.
            SshLog.RekeyLoopEnded(_logger, ex.Message);
        }
    }

    private async ValueTask StartRekeyAsync(CancellationToken token)
    {
        await Output.UnderLockAsync(
            async () =>
            {
                if (_state != KexState.Idle)
                {
                    return; // the client started one meanwhile
                }

                SshLog.RekeyStarting(_logger);
                await SendKexInitLockedAsync(token).ConfigureAwait(false);
                _state = KexState.KexInitSent;
            },
            token).ConfigureAwait(false);
    }

    private async ValueTask OnClientKexInitAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        var client = KexInitMessage.Parse(payload.Span);
        if (InFirstExchange)
        {
            StrictKex = client.KexAlgorithms.Contains(AlgorithmRegistry.StrictKexClient);
            _clientWantsExtInfo = client.KexAlgorithms.Contains(AlgorithmRegistry.ExtInfoClient);
            if (StrictKex && _packets.PacketsReceived != 1)
            {
                throw new SshProtocolException("Strict key exchange: KEXINIT was not the first packet.") { Reason = DisconnectReason.KeyExchangeFailed };
            }
        }

        _negotiated = NegotiatedAlgorithms.Negotiate(client, _settings.Algorithms);
        _clientKexInit = payload.ToArray();
        _ignoreGuessedPacket = client.FirstKexPacketFollows
            && (client.KexAlgorithms.FirstOrDefault() != _negotiated.Kex.Name || client.ServerHostKeyAlgorithms.FirstOrDefault() != _negotiated.HostKeySignature);
        SshLog.Negotiated(_logger, _negotiated.Kex.Name, _negotiated.HostKeySignature, _negotiated.CipherIn.Name, _negotiated.CipherOut.Name,
            _negotiated.MacIn?.Name, _negotiated.MacOut?.Name);

        await Output.UnderLockAsync(
            async () =>
            {
                if (_state == KexState.Idle)
                {
                    // The client started this one: ours goes out now.
                    await SendKexInitLockedAsync(token).ConfigureAwait(false);
                }

                _state = KexState.AwaitingKexDhInit;
            },
            token).ConfigureAwait(false);
    }

    private async ValueTask OnKexDhInitAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        var negotiated = _negotiated!;
        var hostKey = _settings.HostKeyFor(negotiated.HostKeySignature);
        var inputs = new ExchangeHashInputs(ClientVersion, ConnectionSettings.Identification, _clientKexInit!, _serverKexInit!);
        var result = negotiated.Kex.Create().Respond(payload.Span, hostKey, negotiated.HostKeySignature, inputs);
        var firstExchange = InFirstExchange;
        SessionIdentifier ??= result.ExchangeHash;
        var (incoming, outgoing) = SessionKeys.Create(result, negotiated, SessionIdentifier);
        _pendingIncoming = incoming;

        await Output.UnderLockAsync(
            async () =>
            {
                await Output.WriteLockedAsync(result.ReplyPayload, token).ConfigureAwait(false);
                await Output.WriteLockedAsync(new[] { MessageNumber.NewKeys }, token).ConfigureAwait(false);
                _packets.SetOutgoingCipher(outgoing);
                if (StrictKex)
                {
                    _packets.SendSequence = 0;
                }

                if (firstExchange && _clientWantsExtInfo)
                {
                    using var w = new Wire.SshWriter(256);
                    new ExtInfoMessage([new("server-sig-algs", string.Join(",", _settings.Algorithms.UserSignatures))]).WriteTo(w);
                    await Output.WriteLockedAsync(w.WrittenMemory, token).ConfigureAwait(false);
                }

                _state = KexState.AwaitingNewKeys;
                await Output.ReopenLockedAsync(token).ConfigureAwait(false);
            },
            token).ConfigureAwait(false);
    }

    private async ValueTask OnNewKeysAsync(CancellationToken token)
    {
        _packets.SetIncomingCipher(_pendingIncoming!);
        _pendingIncoming = null;
        if (StrictKex)
        {
            _packets.ReceiveSequence = 0;
        }

        if (InFirstExchange)
        {
            SshLog.KeyExchangeDone(_logger, _negotiated!.Kex.Name, _negotiated.HostKeySignature, _negotiated.CipherIn.Name, _negotiated.MacIn?.Name, StrictKex);
        }

        await Output.UnderLockAsync(
            () =>
            {
                _completedExchanges++;
                _packets.BytesSinceKex = 0;
                Interlocked.Exchange(ref _lastExchangeAt, _settings.TimeProvider.GetTimestamp());
                _state = KexState.Idle;
                return ValueTask.CompletedTask;
            },
            token).ConfigureAwait(false);
    }

    /// <summary>Our KEXINIT of a re-exchange; from here until our NEWKEYS the connection layer's messages are held.</summary>
    private async ValueTask SendKexInitLockedAsync(CancellationToken token)
    {
        Output.HoldLocked();
        _serverKexInit = ServerKexInit();
        await Output.WriteLockedAsync(_serverKexInit, token).ConfigureAwait(false);
        Interlocked.Exchange(ref _exchangeStartedAt, _settings.TimeProvider.GetTimestamp());
    }

    private byte[] ServerKexInit()
    {
        var a = _settings.Algorithms;
        return new KexInitMessage(
            [.. a.Kex, AlgorithmRegistry.StrictKexServer], a.HostKeySignatures, a.Ciphers, a.Ciphers, a.Macs, a.Macs,
            ["none"], ["none"], FirstKexPacketFollows: false).ToPayload();
    }
}
