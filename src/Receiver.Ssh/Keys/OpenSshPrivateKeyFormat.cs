using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Keys;

/// <summary>The unencrypted "openssh-key-v1" private key format (OpenSSH PROTOCOL.key).</summary>
internal static class OpenSshPrivateKeyFormat
{
    private const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string End = "-----END OPENSSH PRIVATE KEY-----";
    private static readonly byte[] Magic = "openssh-key-v1\0"u8.ToArray();

    public static SshHostKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new FormatException($"Not an OpenSSH private key: expected '{Begin}' ... '{End}'.");
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(text[(begin + Begin.Length)..end]);
        }
        catch (FormatException)
        {
            throw new FormatException("The OpenSSH private key body is not valid base64.");
        }

        try
        {
            return ParseBody(data);
        }
        catch (SshProtocolException ex)
        {
            throw new FormatException("The OpenSSH private key is truncated or malformed.", ex);
        }
        catch (CryptographicException ex)
        {
            throw new FormatException("The OpenSSH private key holds inconsistent key values.", ex);
        }
    }

    private static SshHostKey ParseBody(byte[] data)
    {
        if (!data.AsSpan().StartsWith(Magic))
        {
            throw new FormatException("Not an openssh-key-v1 private key.");
        }

        var reader = new SshReader(data.AsSpan(Magic.Length));
        var cipher = reader.ReadAscii();
        var kdf = reader.ReadAscii();
        reader.ReadBytes();
        if (cipher != "none" || kdf != "none")
        {
            throw new FormatException($"The private key is encrypted ({cipher}/{kdf}); remove the passphrase (ssh-keygen -p -N '').");
        }

        if (reader.ReadUInt32() != 1)
        {
            throw new FormatException("The private key file must hold exactly one key.");
        }

        reader.ReadBytes();
        var secret = new SshReader(reader.ReadBytes());
        if (secret.ReadUInt32() != secret.ReadUInt32())
        {
            throw new FormatException("The private key's check values differ (corrupt or encrypted).");
        }

        var keyType = secret.ReadAscii();
        switch (keyType)
        {
            case "ssh-ed25519":
                {
                    var publicKey = secret.ReadBytes();
                    var privateKey = secret.ReadBytes();
                    if (publicKey.Length != 32 || privateKey.Length != 64)
                    {
                        throw new FormatException("Malformed ssh-ed25519 private key.");
                    }

                    var seed = privateKey[..32].ToArray();
                    var comment = secret.ReadUtf8();
                    var key = new Ed25519HostKey(seed, comment);
                    if (!key.RawPublicKey.AsSpan().SequenceEqual(publicKey))
                    {
                        throw new FormatException("The ssh-ed25519 private key does not match its public key.");
                    }

                    return key;
                }

            case "ssh-rsa":
                {
                    var n = new BigInteger(secret.ReadMpintMagnitude(), isUnsigned: true, isBigEndian: true);
                    var e = new BigInteger(secret.ReadMpintMagnitude(), isUnsigned: true, isBigEndian: true);
                    var d = new BigInteger(secret.ReadMpintMagnitude(), isUnsigned: true, isBigEndian: true);
                    var iqmp = new BigInteger(secret.ReadMpintMagnitude(), isUnsigned: true, isBigEndian: true);
                    var p = new BigInteger(secret.ReadMpintMagnitude(), isUnsigned: true, isBigEndian: true);
                    var q = new BigInteger(secret.ReadMpintMagnitude(), isUnsigned: true, isBigEndian: true);
                    var comment = secret.ReadUtf8();
                    if (p * q != n)
                    {
                        throw new FormatException("The RSA private key's primes do not match its modulus.");
                    }

                    var modulusLength = (int)((n.GetBitLength() + 7) / 8);
                    var half = (modulusLength + 1) / 2;
                    var rsa = RSA.Create();
                    rsa.ImportParameters(new RSAParameters
                    {
                        Modulus = Fixed(n, modulusLength),
                        Exponent = e.ToByteArray(isUnsigned: true, isBigEndian: true),
                        D = Fixed(d, modulusLength),
                        P = Fixed(p, half),
                        Q = Fixed(q, half),
                        DP = Fixed(d % (p - 1), half),
                        DQ = Fixed(d % (q - 1), half),
                        InverseQ = Fixed(iqmp, half),
                    });
                    return new RsaHostKey(rsa, comment);
                }

            default:
                throw new FormatException($"Unsupported host key type '{keyType}': use ssh-ed25519 or ssh-rsa.");
        }
    }

    /// <summary>Writes the file; <paramref name="writePrivate"/> writes the key type and its private fields.</summary>
    public static string Write(byte[] publicBlob, string comment, Action<SshWriter> writePrivate)
    {
        using var secret = new SshWriter(1024);
        var check = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
        secret.UInt32(check).UInt32(check);
        writePrivate(secret);
        secret.String(comment);
        for (byte pad = 1; secret.Length % 8 != 0; pad++)
        {
            secret.Byte(pad);
        }

        using var body = new SshWriter(2048);
        body.Raw(Magic).String("none").String("none").String(ReadOnlySpan<byte>.Empty).UInt32(1)
            .String(publicBlob).String(secret.WrittenSpan);
        CryptographicOperations.ZeroMemory(MemoryMarshalHelper.Writable(secret));

        var base64 = Convert.ToBase64String(body.WrittenSpan);
        var text = new StringBuilder();
        text.Append(Begin).Append('\n');
        for (var i = 0; i < base64.Length; i += 70)
        {
            text.Append(base64.AsSpan(i, Math.Min(70, base64.Length - i))).Append('\n');
        }

        text.Append(End).Append('\n');
        return text.ToString();
    }

    private static byte[] Fixed(BigInteger value, int length)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length == length)
        {
            return bytes;
        }

        if (bytes.Length > length)
        {
            throw new FormatException("An RSA private key value is larger than the modulus allows.");
        }

        var padded = new byte[length];
        bytes.CopyTo(padded, length - bytes.Length);
        return padded;
    }

    private static class MemoryMarshalHelper
    {
        public static Span<byte> Writable(SshWriter writer) => writer.RawBuffer.AsSpan(0, writer.RawLength);
    }
}
