using Org.BouncyCastle.Math.EC.Rfc8032;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Keys;

internal sealed class Ed25519HostKey : SshHostKey
{
    private readonly byte[] _seed;
    private readonly byte[] _publicKey;

    public Ed25519HostKey(byte[] seed, string comment)
    {
        if (seed.Length != 32)
        {
            throw new FormatException("An ed25519 private key seed must be 32 bytes.");
        }

        _seed = seed;
        _publicKey = new byte[32];
        Ed25519.GeneratePublicKey(_seed, 0, _publicKey, 0);
        using var blob = new SshWriter();
        blob.String("ssh-ed25519").String(_publicKey);
        PublicKey = SshPublicKey.FromBlob(blob.WrittenSpan, comment);
    }

    public override string KeyType => "ssh-ed25519";

    public override SshPublicKey PublicKey { get; }

    internal byte[] RawPublicKey => _publicKey;

    internal override IReadOnlyList<string> SignatureAlgorithms { get; } = ["ssh-ed25519"];

    internal override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        if (signatureAlgorithm != "ssh-ed25519")
        {
            throw new ArgumentException($"An ed25519 key cannot sign with {signatureAlgorithm}.", nameof(signatureAlgorithm));
        }

        var signature = new byte[Ed25519.SignatureSize];
        var message = data.ToArray();
        Ed25519.Sign(_seed, 0, message, 0, message.Length, signature, 0);
        using var blob = new SshWriter();
        blob.String("ssh-ed25519").String(signature);
        return blob.ToArray();
    }

    public override string ToOpenSshPrivateKey(string comment) =>
        OpenSshPrivateKeyFormat.Write(PublicKey.Blob, comment, w =>
        {
            w.String("ssh-ed25519").String(_publicKey);
            var secret = new byte[64];
            _seed.CopyTo(secret, 0);
            _publicKey.CopyTo(secret, 32);
            w.String(secret);
        });
}
