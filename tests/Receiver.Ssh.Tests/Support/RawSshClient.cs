using System.Net.Sockets;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Receiver.Ssh.Algorithms;
using Receiver.Ssh.Kex;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Transport;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Tests.Support;

/// <summary>
/// A minimal, deliberately scriptable SSH client (curve25519 + aes128-gcm) for tests that must send what real
/// clients never send: messages out of order, malformed payloads, oversized lengths.
/// </summary>
internal sealed class RawSshClient : IAsyncDisposable
{
    private const string Version = "SSH-2.0-RawTestClient";
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly BufferedStream _buffered;
    private readonly PacketStream _packets;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));

    private RawSshClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        // Writes go through a buffer so that a flood of packets costs one send per batch (each SendAsync flushes).
        _buffered = new BufferedStream(_stream, 64 * 1024);
        _packets = new PacketStream(new DuplexStream(_stream, _buffered), 256 * 1024);
    }

    public string ServerVersion { get; private set; } = "";

    public KexInitMessage? ServerKexInit { get; private set; }

    public NetworkStream Stream => _stream;

    public static async Task<RawSshClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var client = new RawSshClient(tcp);
        await client._packets.WriteIdentificationAsync(Version, client._timeout.Token);
        await client._buffered.FlushAsync(client._timeout.Token);
        client.ServerVersion = await client._packets.ReadIdentificationAsync(client._timeout.Token);
        return client;
    }

    /// <summary>Connects and completes a strict key exchange: where the tests of what follows the key exchange start.</summary>
    public static async Task<RawSshClient> ConnectWithKeysAsync(int port)
    {
        var client = await ConnectAsync(port);
        try
        {
            await client.KeyExchangeAsync();
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connected, keys exchanged and logged in as the test server's password account.</summary>
    public static async Task<RawSshClient> LoggedInAsync(int port)
    {
        var client = await ConnectAsync(port);
        await client.KeyExchangeAsync();
        Assert.True(await client.PasswordLoginAsync("camera", "secret-pass"));
        return client;
    }

    public async Task SendAsync(params byte[] payload)
    {
        payload.CopyTo(_packets.PayloadBuffer(payload.Length));
        await _packets.WritePacketAsync(payload.Length, _timeout.Token);
        await _buffered.FlushAsync(_timeout.Token);
    }

    /// <summary>
    /// Streams <paramref name="count"/> copies of a payload as fast as the connection takes them, without reading any
    /// reply; returns how many were written before the server closed the connection (or all of them).
    /// </summary>
    public async Task<int> FloodAsync(byte[] payload, int count, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var sent = 0;
        try
        {
            for (; sent < count && !timeout.IsCancellationRequested; sent++)
            {
                payload.CopyTo(_packets.PayloadBuffer(payload.Length));
                await _packets.WritePacketAsync(payload.Length, timeout.Token);
            }

            await _buffered.FlushAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The server closed the connection (or the time limit passed): report how far the flood got.
        }

        return sent;
    }

    /// <summary>Sends a KEXINIT after the first exchange (a re-exchange) and reads up to the server's KEXINIT.</summary>
    public async Task StartReExchangeAsync()
    {
        await SendAsync(ClientKexInit(strict: true));
        await ReadUntilAsync(MessageNumber.KexInit);
    }

    /// <summary>A signature blob (RFC 4253 §6.6) of the right shape whose bytes are random: it never verifies.</summary>
    public static byte[] RandomSignature(string algorithm, int length)
    {
        using var w = new SshWriter();
        w.String(algorithm).String(RandomNumberGenerator.GetBytes(length));
        return w.ToArray();
    }

    /// <summary>A publickey request with a signature (whatever its bytes); returns the server's answer.</summary>
    public async Task<byte[]> SignedPublicKeyRequestAsync(string user, string algorithm, byte[] keyBlob, byte[] signatureBlob)
    {
        using var auth = new SshWriter();
        auth.Byte(MessageNumber.UserAuthRequest).String(user).String("ssh-connection").String("publickey").Boolean(true)
            .String(algorithm).String(keyBlob).String(signatureBlob);
        await SendAsync(auth);
        return await ReadAfterExtInfoAsync();
    }

    public async Task RequestUserAuthServiceAsync()
    {
        using var service = new SshWriter();
        service.Byte(MessageNumber.ServiceRequest).String("ssh-userauth");
        await SendAsync(service);
        await ReadUntilAsync(MessageNumber.ServiceAccept);
    }

    private async Task<byte[]> ReadAfterExtInfoAsync()
    {
        var answer = await ReadAsync();
        while (answer[0] == MessageNumber.ExtInfo)
        {
            answer = await ReadAsync();
        }

        return answer;
    }

    public async Task SendAsync(SshWriter payload)
    {
        await SendAsync(payload.ToArray());
    }

    public async Task<byte[]> ReadAsync() => (await _packets.ReadPacketAsync(_timeout.Token)).ToArray();

    /// <summary>Reads packets until one with the given number arrives (skipping e.g. EXT_INFO).</summary>
    public async Task<byte[]> ReadUntilAsync(byte number)
    {
        while (true)
        {
            var payload = await ReadAsync();
            if (payload[0] == number)
            {
                return payload;
            }
        }
    }

    /// <summary>True once the server has closed the connection (after an optional DISCONNECT).</summary>
    public async Task<bool> ServerClosesAsync()
    {
        try
        {
            while (true)
            {
                var payload = await ReadAsync();
                if (payload[0] == MessageNumber.Disconnect)
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or SshProtocolException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public byte[] ClientKexInit(bool strict) => new KexInitMessage(
        strict ? ["curve25519-sha256", AlgorithmRegistry.StrictKexClient] : ["curve25519-sha256"],
        ["ssh-ed25519"], ["aes128-gcm@openssh.com"], ["aes128-gcm@openssh.com"],
        ["hmac-sha2-256"], ["hmac-sha2-256"], ["none"], ["none"], false).ToPayload();

    /// <summary>Runs the whole key exchange; afterwards both directions are encrypted.</summary>
    public async Task KeyExchangeAsync(bool strict = true)
    {
        var clientInit = ClientKexInit(strict);
        await SendAsync(clientInit);
        var serverInit = await ReadUntilAsync(MessageNumber.KexInit);
        ServerKexInit = KexInitMessage.Parse(serverInit);

        var secretKey = RandomNumberGenerator.GetBytes(32);
        var publicKey = new byte[32];
        X25519.ScalarMultBase(secretKey, 0, publicKey, 0);
        using (var init = new SshWriter())
        {
            init.Byte(MessageNumber.KexDhInit).String(publicKey);
            await SendAsync(init);
        }

        var reply = await ReadUntilAsync(MessageNumber.KexDhReply);
        var r = new SshReader(reply);
        r.ExpectMessage(MessageNumber.KexDhReply);
        var hostKey = r.ReadBytes().ToArray();
        var serverPublic = r.ReadBytes().ToArray();
        var shared = new byte[32];
        X25519.CalculateAgreement(secretKey, 0, serverPublic, 0, shared, 0);
        using var k = new SshWriter();
        k.MpintFromMagnitude(shared);
        using var h = new SshWriter(2048);
        h.String(Version).String(ServerVersion).String(clientInit).String(serverInit).String(hostKey)
            .String(publicKey).String(serverPublic).Raw(k.WrittenSpan);
        var exchangeHash = SHA256.HashData(h.WrittenSpan);
        SessionId = exchangeHash;

        var secret = k.ToArray();
        var cipher = AlgorithmRegistry.Cipher("aes128-gcm@openssh.com");
        byte[] Derive(char letter, int length) => KeyDerivation.Derive(HashAlgorithmName.SHA256, secret, exchangeHash, letter, exchangeHash, length);

        await SendAsync(MessageNumber.NewKeys);
        _packets.SetOutgoingCipher(cipher.Create(Derive('C', 16), Derive('A', 12), null, []));
        if (strict)
        {
            _packets.SendSequence = 0;
        }

        await ReadUntilAsync(MessageNumber.NewKeys);
        _packets.SetIncomingCipher(cipher.Create(Derive('D', 16), Derive('B', 12), null, []));
        if (strict)
        {
            _packets.ReceiveSequence = 0;
        }
    }

    public byte[] SessionId { get; private set; } = [];

    public async Task<bool> PasswordLoginAsync(string user, string password)
    {
        await RequestUserAuthServiceAsync();
        await SendPasswordAsync(user, password);
        return (await ReadAfterExtInfoAsync())[0] == MessageNumber.UserAuthSuccess;
    }

    public async Task SendPasswordAsync(string user, string password)
    {
        using var auth = new SshWriter();
        auth.Byte(MessageNumber.UserAuthRequest).String(user).String("ssh-connection").String("password").Boolean(false).String(password);
        await SendAsync(auth);
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        await _buffered.DisposeAsync().AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
        _packets.Dispose();
        _timeout.Dispose();
    }
}
