using System.Security.Cryptography;
using Receiver.Ssh.Crypto;

namespace Receiver.Ssh.Algorithms;

/// <summary>A cipher by wire name: key and IV sizes and how to build one direction of it.</summary>
internal sealed record CipherAlgorithm(string Name, int KeyLength, int IvLength, bool IsAead);

/// <summary>A MAC by wire name.</summary>
internal sealed record MacAlgorithm(string Name, HashAlgorithmName Hash, int KeyLength, bool EncryptThenMac);

/// <summary>
/// Every algorithm the server implements, keyed by wire name, with the secure defaults apart from the
/// opt-in legacy ones (SHA-1 key exchange and signatures, NIST ECDH).
/// </summary>
internal static class AlgorithmRegistry
{
    public const string StrictKexServer = "kex-strict-s-v00@openssh.com";
    public const string StrictKexClient = "kex-strict-c-v00@openssh.com";
    public const string ExtInfoClient = "ext-info-c";

    public static readonly IReadOnlyList<string> DefaultKex =
    [
        "curve25519-sha256",
        "curve25519-sha256@libssh.org",
        "diffie-hellman-group16-sha512",
        "diffie-hellman-group18-sha512",
        "diffie-hellman-group14-sha256",
    ];

    public static readonly IReadOnlyList<string> LegacyKex = ["ecdh-sha2-nistp256", "diffie-hellman-group14-sha1"];

    public static readonly IReadOnlyList<string> DefaultHostKeySignatures = ["ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256"];

    public static readonly IReadOnlyList<string> LegacyHostKeySignatures = ["ssh-rsa"];

    /// <summary>Signature algorithms accepted for user authentication (server-sig-algs); "ssh-rsa" only per account or in legacy.</summary>
    public static readonly IReadOnlyList<string> DefaultUserSignatures =
        ["ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256"];

    public static readonly IReadOnlyDictionary<string, CipherAlgorithm> Ciphers = new Dictionary<string, CipherAlgorithm>
    {
        ["chacha20-poly1305@openssh.com"] = new("chacha20-poly1305@openssh.com", ChaCha20Poly1305Cipher.KeyLength, 0, true),
        ["aes128-gcm@openssh.com"] = new("aes128-gcm@openssh.com", 16, 12, true),
        ["aes256-gcm@openssh.com"] = new("aes256-gcm@openssh.com", 32, 12, true),
        ["aes128-ctr"] = new("aes128-ctr", 16, 16, false),
        ["aes192-ctr"] = new("aes192-ctr", 24, 16, false),
        ["aes256-ctr"] = new("aes256-ctr", 32, 16, false),
    };

    public static readonly IReadOnlyList<string> DefaultCiphers =
    [
        "chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr",
    ];

    public static readonly IReadOnlyDictionary<string, MacAlgorithm> Macs = new Dictionary<string, MacAlgorithm>
    {
        ["hmac-sha2-256-etm@openssh.com"] = new("hmac-sha2-256-etm@openssh.com", HashAlgorithmName.SHA256, 32, true),
        ["hmac-sha2-512-etm@openssh.com"] = new("hmac-sha2-512-etm@openssh.com", HashAlgorithmName.SHA512, 64, true),
        ["hmac-sha2-256"] = new("hmac-sha2-256", HashAlgorithmName.SHA256, 32, false),
        ["hmac-sha2-512"] = new("hmac-sha2-512", HashAlgorithmName.SHA512, 64, false),
    };

    public static readonly IReadOnlyList<string> DefaultMacs =
        ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512"];

    public static IPacketCipher CreateCipher(CipherAlgorithm cipher, MacAlgorithm? mac, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> macKey)
    {
        if (cipher.Name.StartsWith("chacha20", StringComparison.Ordinal))
        {
            return new ChaCha20Poly1305Cipher(key);
        }

        if (cipher.IsAead)
        {
            return new AesGcmCipher(key, iv);
        }

        var m = mac ?? throw new InvalidOperationException("A non-AEAD cipher needs a MAC.");
        return new AesCtrHmacCipher(new AesCtr(key, iv), new HmacAlgorithm(m.Hash, macKey), m.EncryptThenMac);
    }
}
