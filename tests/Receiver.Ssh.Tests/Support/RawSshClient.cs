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
    private readonly PacketStream _packets;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));

    private RawSshClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _packets = new PacketStream(_stream, 256 * 1024);
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
        client.ServerVersion = await client._packets.ReadIdentificationAsync(client._timeout.Token);
        return client;
    }

    public async Task SendAsync(params byte[] payload)
    {
        payload.CopyTo(_packets.PayloadBuffer(payload.Length));
        await _packets.WritePacketAsync(payload.Length, _timeout.Token);
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
        r.ReadByte();
        var hostKey = r.ReadString().ToArray();
        var serverPublic = r.ReadString().ToArray();
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
        var cipher = AlgorithmRegistry.Ciphers["aes128-gcm@openssh.com"];
        byte[] Derive(char letter, int length) => KeyDerivation.Derive(HashAlgorithmName.SHA256, secret, exchangeHash, letter, exchangeHash, length);

        await SendAsync(MessageNumber.NewKeys);
        _packets.SetOutgoingCipher(AlgorithmRegistry.CreateCipher(cipher, null, Derive('C', 16), Derive('A', 12), []));
        if (strict)
        {
            _packets.SendSequence = 0;
        }

        await ReadUntilAsync(MessageNumber.NewKeys);
        _packets.SetIncomingCipher(AlgorithmRegistry.CreateCipher(cipher, null, Derive('D', 16), Derive('B', 12), []));
        if (strict)
        {
            _packets.ReceiveSequence = 0;
        }
    }

    public byte[] SessionId { get; private set; } = [];

    public async Task<bool> PasswordLoginAsync(string user, string password)
    {
        using (var service = new SshWriter())
        {
            service.Byte(MessageNumber.ServiceRequest).String("ssh-userauth");
            await SendAsync(service);
        }

        await ReadUntilAsync(MessageNumber.ServiceAccept);
        using (var auth = new SshWriter())
        {
            auth.Byte(MessageNumber.UserAuthRequest).String(user).String("ssh-connection").String("password").Boolean(false).String(password);
            await SendAsync(auth);
        }

        var answer = await ReadAsync();
        while (answer[0] == MessageNumber.ExtInfo)
        {
            answer = await ReadAsync();
        }

        return answer[0] == MessageNumber.UserAuthSuccess;
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        _packets.Dispose();
        _timeout.Dispose();
        await Task.CompletedTask;
    }
}
