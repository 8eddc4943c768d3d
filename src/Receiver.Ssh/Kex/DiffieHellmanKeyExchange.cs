using System.Numerics;
using System.Security.Cryptography;

namespace Receiver.Ssh.Kex;

/// <summary>diffie-hellman-group14/16/18 over the RFC 3526 MODP groups with generator 2 (RFC 8268).</summary>
internal sealed class DiffieHellmanKeyExchange(BigInteger p, HashAlgorithmName hash) : KeyExchange
{
    public override HashAlgorithmName Hash => hash;

    protected override bool PublicValuesAreMpints => true;

    protected override (byte[] ServerPublic, byte[] SharedSecret) Agree(ReadOnlySpan<byte> clientPublic)
    {
        var e = new BigInteger(clientPublic, isUnsigned: true, isBigEndian: true);
        if (e <= BigInteger.One || e >= p - BigInteger.One)
        {
            throw Invalid("the client's DH value is out of range");
        }

        // A 512-bit exponent exceeds twice the security level of every group used here.
        var yBytes = RandomNumberGenerator.GetBytes(64);
        yBytes[0] |= 0x80;
        var y = new BigInteger(yBytes, isUnsigned: true, isBigEndian: true);
        var f = BigInteger.ModPow(2, y, p);
        var k = BigInteger.ModPow(e, y, p);
        CryptographicOperations.ZeroMemory(yBytes);
        return (f.ToByteArray(isUnsigned: true, isBigEndian: true), k.ToByteArray(isUnsigned: true, isBigEndian: true));
    }
}
