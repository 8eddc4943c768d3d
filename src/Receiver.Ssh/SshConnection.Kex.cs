using Microsoft.Extensions.Logging;
using Receiver.Ssh.Algorithms;
using Receiver.Ssh.Crypto;
using Receiver.Ssh.Kex;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh;

/// <summary>
/// Key exchange and re-keying (RFC 4253 §7-9), strict KEX (OpenSSH PROTOCOL "kex-strict", against Terrapin)
/// and ext-info (RFC 8308).
/// </summary>
internal sealed partial class SshConnection
{
    private enum KexStage
    {
        Idle,
        AwaitingClientKexInit,
        AwaitingKexInit30,
        AwaitingNewKeys,
    }

    private string _clientVersion = "";
    private byte[]? _serverKexInit;
    private byte[]? _clientKexInit;
    private NegotiatedAlgorithms? _negotiated;
    private KexStage _kexStage = KexStage.Idle;
    private byte[]? _sessionIdentifier;
    private bool _strictKex;
    private bool _clientWantsExtInfo;
    private bool _firstKexDone;
    private bool _ignoreGuessedPacket;
    private bool _rekeyDue;
    private bool _disconnectReceived;
    private long _lastKexAt;
    private IPacketCipher? _pendingIncoming;

    /// <summary>Starts a key exchange if the byte or time limit is reached and none is running.</summary>
    private async ValueTask MaybeStartRekeyAsync(CancellationToken token)
    {
        if (!_firstKexDone || _kexStage != KexStage.Idle)
        {
            return;
        }

        if (_packets.BytesSinceKex < _settings.RekeyBytes && !_rekeyDue)
        {
            return;
        }

        await StartKexAsync(token);
    }

    /// <summary>Sends our KEXINIT (once per exchange) and closes the gate for other messages.</summary>
    private async ValueTask StartKexAsync(CancellationToken token)
    {
        await _sendLock.WaitAsync(token);
        try
        {
            if (_kexInProgress)
            {
                return;
            }

            var a = _settings.Algorithms;
            var kexInit = new KexInitMessage(
                [.. a.Kex, AlgorithmRegistry.StrictKexServer], a.HostKeySignatures, a.Ciphers, a.Ciphers, a.Macs, a.Macs,
                ["none"], ["none"], FirstKexPacketFollows: false);
            _serverKexInit = kexInit.ToPayload();
            _kexInProgress = true;
            _rekeyDue = false;
            if (_kexCompleted.Task.IsCompleted)
            {
                _kexCompleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (_kexStage == KexStage.Idle)
            {
                _kexStage = KexStage.AwaitingClientKexInit;
            }

            if (_firstKexDone)
            {
                _logger.LogDebug("Starting key re-exchange");
            }

            await WriteLockedAsync(_serverKexInit, token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async ValueTask HandleKexMessageAsync(byte number, ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        if (!_firstKexDone && !MessageNumber.IsKex(number))
        {
            if (_strictKex)
            {
                throw new SshProtocolException($"Strict key exchange: unexpected message {number}.") { Reason = DisconnectReason.KeyExchangeFailed };
            }

            switch (number)
            {
                case MessageNumber.Ignore or MessageNumber.Debug or MessageNumber.Unimplemented:
                    return;
                case MessageNumber.Disconnect:
                    _closeReason ??= "client disconnected";
                    _disconnectReceived = true;
                    return;
                default:
                    throw new SshProtocolException($"Message {number} before the key exchange completed.");
            }
        }

        switch (number)
        {
            case MessageNumber.KexInit when _kexStage is KexStage.Idle or KexStage.AwaitingClientKexInit:
                await OnClientKexInitAsync(payload, token);
                return;
            case MessageNumber.KexDhInit when _kexStage == KexStage.AwaitingKexInit30:
                if (_ignoreGuessedPacket)
                {
                    _ignoreGuessedPacket = false;
                    return;
                }

                await OnKexDhInitAsync(payload, token);
                return;
            case MessageNumber.NewKeys when _kexStage == KexStage.AwaitingNewKeys:
                OnNewKeys();
                return;
            default:
                throw new SshProtocolException($"Unexpected message {number} during key exchange.");
        }
    }

    private async ValueTask OnClientKexInitAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        var client = KexInitMessage.Parse(payload.Span);
        _clientKexInit = payload.ToArray();
        if (!_firstKexDone)
        {
            _strictKex = client.KexAlgorithms.Contains(AlgorithmRegistry.StrictKexClient);
            _clientWantsExtInfo = client.KexAlgorithms.Contains(AlgorithmRegistry.ExtInfoClient);
            if (_strictKex && _packets.PacketsReceived != 1)
            {
                throw new SshProtocolException("Strict key exchange: KEXINIT was not the first packet.") { Reason = DisconnectReason.KeyExchangeFailed };
            }
        }

        if (!_kexInProgress)
        {
            await StartKexAsync(token);
        }

        _negotiated = NegotiatedAlgorithms.Negotiate(client, _settings.Algorithms);
        _logger.LogDebug("Negotiated {Kex}, host key {HostKey}, ciphers {CipherIn}/{CipherOut}, MACs {MacIn}/{MacOut}",
            _negotiated.Kex, _negotiated.HostKeySignature, _negotiated.CipherIn.Name, _negotiated.CipherOut.Name,
            _negotiated.MacIn?.Name ?? "-", _negotiated.MacOut?.Name ?? "-");
        _ignoreGuessedPacket = client.FirstKexPacketFollows
            && (client.KexAlgorithms.FirstOrDefault() != _negotiated.Kex || client.ServerHostKeyAlgorithms.FirstOrDefault() != _negotiated.HostKeySignature);
        _kexStage = KexStage.AwaitingKexInit30;
    }

    private async ValueTask OnKexDhInitAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        var negotiated = _negotiated!;
        var hostKey = _settings.HostKeyFor(negotiated.HostKeySignature);
        var inputs = new ExchangeHashInputs(_clientVersion, ConnectionSettings.Identification, _clientKexInit!, _serverKexInit!);
        var result = KeyExchange.Create(negotiated.Kex).Respond(payload.Span, hostKey, negotiated.HostKeySignature, inputs);
        var firstKex = _sessionIdentifier is null;
        _sessionIdentifier ??= result.ExchangeHash;

        var outgoing = CreateCipher(result, negotiated.CipherOut, negotiated.MacOut, 'B', 'D', 'F');
        _pendingIncoming = CreateCipher(result, negotiated.CipherIn, negotiated.MacIn, 'A', 'C', 'E');

        await _sendLock.WaitAsync(token);
        try
        {
            await WriteLockedAsync(result.ReplyPayload, token);
            await WriteLockedAsync(new[] { MessageNumber.NewKeys }, token);
            _packets.SetOutgoingCipher(outgoing);
            if (_strictKex)
            {
                _packets.SendSequence = 0;
            }

            if (firstKex && _clientWantsExtInfo)
            {
                using var w = new SshWriter(256);
                new ExtInfoMessage([new("server-sig-algs", string.Join(",", _settings.Algorithms.UserSignatures))]).WriteTo(w);
                await WriteLockedAsync(w.WrittenMemory, token);
            }

            foreach (var queued in _queuedDuringKex)
            {
                await WriteLockedAsync(queued, token);
            }

            _queuedDuringKex.Clear();
            _kexInProgress = false;
            _kexCompleted.TrySetResult();
        }
        finally
        {
            _sendLock.Release();
        }

        _kexStage = KexStage.AwaitingNewKeys;
    }

    private void OnNewKeys()
    {
        _packets.SetIncomingCipher(_pendingIncoming!);
        _pendingIncoming = null;
        if (_strictKex)
        {
            _packets.ReceiveSequence = 0;
        }

        if (!_firstKexDone)
        {
            _logger.LogInformation("SSH key exchange done: {Kex}, {HostKey}, {Cipher}, {Mac}{Strict}",
                _negotiated!.Kex, _negotiated.HostKeySignature, _negotiated.CipherIn.Name, _negotiated.MacIn?.Name ?? "aead",
                _strictKex ? ", strict" : "");
        }

        _firstKexDone = true;
        _kexStage = KexStage.Idle;
        _packets.BytesSinceKex = 0;
        _lastKexAt = _settings.TimeProvider.GetTimestamp();
        _rekeyDue = false; // whatever asked for an exchange (time, bytes, the client) has just had one
    }

    private IPacketCipher CreateCipher(KeyExchangeResult kex, CipherAlgorithm cipher, MacAlgorithm? mac, char ivLetter, char keyLetter, char macLetter)
    {
        var sessionId = _sessionIdentifier!;
        var iv = KeyDerivation.Derive(kex.Hash, kex.SharedSecret, kex.ExchangeHash, ivLetter, sessionId, cipher.IvLength);
        var key = KeyDerivation.Derive(kex.Hash, kex.SharedSecret, kex.ExchangeHash, keyLetter, sessionId, cipher.KeyLength);
        var macKey = mac is null ? [] : KeyDerivation.Derive(kex.Hash, kex.SharedSecret, kex.ExchangeHash, macLetter, sessionId, mac.KeyLength);
        return AlgorithmRegistry.CreateCipher(cipher, mac, key, iv, macKey);
    }
}
