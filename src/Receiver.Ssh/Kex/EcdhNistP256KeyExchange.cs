using System.Security.Cryptography;

namespace Receiver.Ssh.Kex;

/// <summary>ecdh-sha2-nistp256 (RFC 5656), legacy profile only.</summary>
internal sealed class EcdhNistP256KeyExchange : KeyExchange
{
    public override HashAlgorithmName Hash => HashAlgorithmName.SHA256;

    protected override bool PublicValuesAreMpints => false;

    protected override (byte[] ServerPublic, byte[] SharedSecret) Agree(ReadOnlySpan<byte> clientPublic)
    {
        if (clientPublic.Length != 65 || clientPublic[0] != 4)
        {
            throw Invalid("the client's P-256 point must be uncompressed");
        }

        try
        {
            using var client = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = clientPublic.Slice(1, 32).ToArray(), Y = clientPublic.Slice(33, 32).ToArray() },
            });
            using var server = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var q = server.ExportParameters(false).Q;
            var serverPublic = new byte[65];
            serverPublic[0] = 4;
            q.X!.CopyTo(serverPublic, 1);
            q.Y!.CopyTo(serverPublic, 33);
            return (serverPublic, server.DeriveRawSecretAgreement(client.PublicKey));
        }
        catch (CryptographicException)
        {
            throw Invalid("the client's P-256 point is not on the curve");
        }
    }
}
