using System.Security.Cryptography;
using Receiver.Ssh.Crypto;
using Receiver.Ssh.Kex;

namespace Receiver.Ssh.Algorithms;

/// <summary>
/// Every algorithm the server implements, one entry per wire name in preference order, each carrying its
/// factory. The insecure ones (SHA-1 key exchange and signatures, NIST ECDH) sit apart and are offered only
/// in the legacy profile.
/// </summary>
internal static class AlgorithmRegistry
{
    public const string StrictKexServer = "kex-strict-s-v00@openssh.com";
    public const string StrictKexClient = "kex-strict-c-v00@openssh.com";
    public const string ExtInfoClient = "ext-info-c";

    public static readonly IReadOnlyList<KexAlgorithm> ModernKex =
    [
        new("curve25519-sha256", () => new Curve25519KeyExchange()),
        new("curve25519-sha256@libssh.org", () => new Curve25519KeyExchange()),
        new("diffie-hellman-group16-sha512", () => new DiffieHellmanKeyExchange(ModpGroups.Group16, HashAlgorithmName.SHA512)),
        new("diffie-hellman-group18-sha512", () => new DiffieHellmanKeyExchange(ModpGroups.Group18, HashAlgorithmName.SHA512)),
        new("diffie-hellman-group14-sha256", () => new DiffieHellmanKeyExchange(ModpGroups.Group14, HashAlgorithmName.SHA256)),
    ];

    /// <summary>Opt-in (legacy profile): NIST ECDH and SHA-1 DH, for old embedded clients.</summary>
    public static readonly IReadOnlyList<KexAlgorithm> LegacyKex =
    [
        new("ecdh-sha2-nistp256", () => new EcdhNistP256KeyExchange()),
        new("diffie-hellman-group14-sha1", () => new DiffieHellmanKeyExchange(ModpGroups.Group14, HashAlgorithmName.SHA1)),
    ];

    /// <summary>Host key signatures offered only in the legacy profile (the rest come from the host keys themselves).</summary>
    public static readonly IReadOnlyList<string> LegacyHostKeySignatures = ["ssh-rsa"];

    /// <summary>Signature algorithms accepted for user authentication (server-sig-algs); "ssh-rsa" only per account or in legacy.</summary>
    public static readonly IReadOnlyList<string> ModernUserSignatures =
        ["ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256"];

    /// <summary>Opt-in (legacy profile): RSA with SHA-1.</summary>
    public static readonly IReadOnlyList<string> LegacyUserSignatures = ["ssh-rsa"];

    public static readonly IReadOnlyList<CipherAlgorithm> Ciphers =
    [
        new("chacha20-poly1305@openssh.com", ChaCha20Poly1305Cipher.KeyLength, 0, false, (key, _, _, _) => new ChaCha20Poly1305Cipher(key)),
        new("aes128-gcm@openssh.com", 16, 12, false, (key, iv, _, _) => new AesGcmCipher(key, iv)),
        new("aes256-gcm@openssh.com", 32, 12, false, (key, iv, _, _) => new AesGcmCipher(key, iv)),
        new("aes128-ctr", 16, 16, true, CreateAesCtr),
        new("aes192-ctr", 24, 16, true, CreateAesCtr),
        new("aes256-ctr", 32, 16, true, CreateAesCtr),
    ];

    public static readonly IReadOnlyList<MacAlgorithm> Macs =
    [
        new("hmac-sha2-256-etm@openssh.com", HashAlgorithmName.SHA256, 32, true),
        new("hmac-sha2-512-etm@openssh.com", HashAlgorithmName.SHA512, 64, true),
        new("hmac-sha2-256", HashAlgorithmName.SHA256, 32, false),
        new("hmac-sha2-512", HashAlgorithmName.SHA512, 64, false),
    ];

    private static readonly Dictionary<string, KexAlgorithm> KexByName = ModernKex.Concat(LegacyKex).ToDictionary(k => k.Name);
    private static readonly Dictionary<string, CipherAlgorithm> CipherByName = Ciphers.ToDictionary(c => c.Name);
    private static readonly Dictionary<string, MacAlgorithm> MacByName = Macs.ToDictionary(m => m.Name);

    public static KexAlgorithm Kex(string name) => KexByName[name];

    public static CipherAlgorithm Cipher(string name) => CipherByName[name];

    public static MacAlgorithm Mac(string name) => MacByName[name];

    private static IPacketCipher CreateAesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, MacAlgorithm? mac, ReadOnlySpan<byte> macKey)
    {
        var m = mac ?? throw new InvalidOperationException("aes-ctr needs a negotiated MAC.");
        return new AesCtrHmacCipher(new AesCtr(key, iv), m.Create(macKey), m.EncryptThenMac);
    }
}
