using System.Security.Cryptography;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Keys;

internal sealed class RsaHostKey : SshHostKey
{
    private readonly RSA _rsa;
    private readonly RSAParameters _parameters;

    public RsaHostKey(RSA rsa, string comment)
    {
        _rsa = rsa;
        _parameters = rsa.ExportParameters(includePrivateParameters: true);
        using var blob = new SshWriter();
        blob.String("ssh-rsa").MpintFromMagnitude(_parameters.Exponent).MpintFromMagnitude(_parameters.Modulus);
        PublicKey = SshPublicKey.FromBlob(blob.WrittenSpan, comment);
    }

    public override string KeyType => "ssh-rsa";

    public override SshPublicKey PublicKey { get; }

    /// <summary>SHA-2 signatures only by default; "ssh-rsa" (SHA-1) is added by the legacy profile.</summary>
    internal override IReadOnlyList<string> SignatureAlgorithms { get; } = ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"];

    internal override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data)
    {
        var hash = signatureAlgorithm switch
        {
            "rsa-sha2-256" => HashAlgorithmName.SHA256,
            "rsa-sha2-512" => HashAlgorithmName.SHA512,
            "ssh-rsa" => HashAlgorithmName.SHA1,
            _ => throw new ArgumentException($"An RSA key cannot sign with {signatureAlgorithm}.", nameof(signatureAlgorithm)),
        };
        byte[] signature;
        lock (_rsa)
        {
            signature = _rsa.SignData(data.ToArray(), hash, RSASignaturePadding.Pkcs1);
        }

        using var blob = new SshWriter();
        blob.String(signatureAlgorithm).String(signature);
        return blob.ToArray();
    }

    public override string ToOpenSshPrivateKey(string comment) =>
        OpenSshPrivateKeyFormat.Write(PublicKey.Blob, comment, w =>
        {
            var p = _parameters;
            w.String("ssh-rsa")
                .MpintFromMagnitude(p.Modulus).MpintFromMagnitude(p.Exponent).MpintFromMagnitude(p.D)
                .MpintFromMagnitude(p.InverseQ).MpintFromMagnitude(p.P).MpintFromMagnitude(p.Q);
        });
}
