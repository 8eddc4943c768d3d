using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Receiver.Ssh.Kex;

/// <summary>curve25519-sha256 (RFC 8731), X25519 from BouncyCastle.</summary>
internal sealed class Curve25519KeyExchange : KeyExchange
{
    public override HashAlgorithmName Hash => HashAlgorithmName.SHA256;

    protected override bool PublicValuesAreMpints => false;

    protected override (byte[] ServerPublic, byte[] SharedSecret) Agree(ReadOnlySpan<byte> clientPublic)
    {
        if (clientPublic.Length != X25519.PointSize)
        {
            throw Invalid("the client's X25519 key must be 32 bytes");
        }

        var privateKey = RandomNumberGenerator.GetBytes(X25519.ScalarSize);
        var serverPublic = new byte[X25519.PointSize];
        X25519.ScalarMultBase(privateKey, 0, serverPublic, 0);
        var secret = new byte[X25519.PointSize];
        var ok = X25519.CalculateAgreement(privateKey, 0, clientPublic.ToArray(), 0, secret, 0);
        CryptographicOperations.ZeroMemory(privateKey);
        if (!ok)
        {
            throw Invalid("the X25519 shared secret is zero");
        }

        return (serverPublic, secret);
    }
}
