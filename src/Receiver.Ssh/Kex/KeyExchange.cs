using System.Security.Cryptography;
using Receiver.Ssh.Keys;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Kex;

/// <summary>What both sides sent before the key exchange message, hashed into H (RFC 4253 §8).</summary>
internal sealed record ExchangeHashInputs(string ClientVersion, string ServerVersion, byte[] ClientKexInit, byte[] ServerKexInit);

/// <summary>The server's side of one key exchange: the reply to send, the shared secret K (mpint form) and H.</summary>
internal sealed record KeyExchangeResult(byte[] ReplyPayload, byte[] SharedSecret, byte[] ExchangeHash, HashAlgorithmName Hash);

/// <summary>
/// A key exchange in which the client sends one public value (message 30) and the server answers with its
/// own, its host key and a signature over H (message 31): ECDH (RFC 5656, RFC 8731) and DH (RFC 4253 §8).
/// </summary>
internal abstract class KeyExchange
{
    public abstract HashAlgorithmName Hash { get; }

    /// <summary>Whether the public values are mpints (DH) or strings (ECDH) in the messages and in H.</summary>
    protected abstract bool PublicValuesAreMpints { get; }

    /// <summary>Computes the server's public value and the shared secret (as an unsigned big-endian number).</summary>
    protected abstract (byte[] ServerPublic, byte[] SharedSecret) Agree(ReadOnlySpan<byte> clientPublic);

    public KeyExchangeResult Respond(ReadOnlySpan<byte> initPayload, SshHostKey hostKey, string signatureAlgorithm, ExchangeHashInputs inputs)
    {
        var reader = new SshReader(initPayload);
        reader.ExpectMessage(MessageNumber.KexDhInit, DisconnectReason.KeyExchangeFailed);

        var clientPublic = (PublicValuesAreMpints ? reader.ReadMpintMagnitude() : reader.ReadBytes()).ToArray();
        var (serverPublic, secret) = Agree(clientPublic);

        using var k = SshWriter.ForSecrets(1100);
        k.MpintFromMagnitude(secret);
        var sharedSecret = k.ToArray();
        CryptographicOperations.ZeroMemory(secret);

        using var h = SshWriter.ForSecrets(4096);
        h.String(inputs.ClientVersion).String(inputs.ServerVersion)
            .String(inputs.ClientKexInit).String(inputs.ServerKexInit).String(hostKey.PublicKey.Blob);
        WritePublic(h, clientPublic);
        WritePublic(h, serverPublic);
        h.Raw(sharedSecret);
        var exchangeHash = HashData(Hash, h.WrittenSpan);

        using var reply = new SshWriter(4096);
        reply.Byte(MessageNumber.KexDhReply).String(hostKey.PublicKey.Blob);
        WritePublic(reply, serverPublic);
        reply.String(hostKey.Sign(signatureAlgorithm, exchangeHash));
        return new KeyExchangeResult(reply.ToArray(), sharedSecret, exchangeHash, Hash);
    }

    private void WritePublic(SshWriter w, byte[] value)
    {
        if (PublicValuesAreMpints)
        {
            w.MpintFromMagnitude(value);
        }
        else
        {
            w.String(value);
        }
    }

    internal static byte[] HashData(HashAlgorithmName hash, ReadOnlySpan<byte> data) => hash.Name switch
    {
        "SHA1" => SHA1.HashData(data),
        "SHA256" => SHA256.HashData(data),
        "SHA384" => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };

    protected static SshProtocolException Invalid(string what) =>
        new($"Invalid key exchange value: {what}.") { Reason = DisconnectReason.KeyExchangeFailed };
}
