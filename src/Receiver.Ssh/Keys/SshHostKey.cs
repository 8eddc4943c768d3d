using System.Security.Cryptography;

namespace Receiver.Ssh.Keys;

/// <summary>A private host key the server proves its identity with (ssh-ed25519 or ssh-rsa).</summary>
public abstract class SshHostKey
{
    /// <summary>"ssh-ed25519" or "ssh-rsa".</summary>
    public abstract string KeyType { get; }

    public abstract SshPublicKey PublicKey { get; }

    /// <summary>The signature algorithms this key can produce, best first (wire names).</summary>
    internal abstract IReadOnlyList<string> SignatureAlgorithms { get; }

    /// <summary>Signs <paramref name="data"/> and returns the SSH signature blob (string algorithm, string signature).</summary>
    internal abstract byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data);

    /// <summary>Writes the key in the openssh-key-v1 format that <c>ssh-keygen</c> writes (unencrypted).</summary>
    public abstract string ToOpenSshPrivateKey(string comment);

    public static SshHostKey GenerateEd25519()
    {
        var seed = RandomNumberGenerator.GetBytes(32);
        return new Ed25519HostKey(seed, "");
    }

    public static SshHostKey GenerateRsa(int bits = 3072)
    {
        if (bits < 2048)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), "RSA host keys need at least 2048 bits.");
        }

        return new RsaHostKey(RSA.Create(bits), "");
    }

    /// <summary>Reads an unencrypted "-----BEGIN OPENSSH PRIVATE KEY-----" file (ed25519 or RSA).</summary>
    /// <exception cref="FormatException">Not that format, encrypted, or of an unsupported key type; the message says which.</exception>
    public static SshHostKey ParseOpenSsh(string privateKeyText) => OpenSshPrivateKeyFormat.Parse(privateKeyText);
}
