using System.Security.Cryptography;

namespace Receiver.Ssh.Keys;

/// <summary>Maps the ecdsa-sha2-* key types to .NET curves and hashes (RFC 5656).</summary>
internal static class EcdsaKeys
{
    public static ECCurve Curve(string keyType) => keyType switch
    {
        "ecdsa-sha2-nistp256" => ECCurve.NamedCurves.nistP256,
        "ecdsa-sha2-nistp384" => ECCurve.NamedCurves.nistP384,
        "ecdsa-sha2-nistp521" => ECCurve.NamedCurves.nistP521,
        _ => throw new FormatException($"Unsupported ECDSA key type '{keyType}'."),
    };

    public static HashAlgorithmName Hash(string keyType) => keyType switch
    {
        "ecdsa-sha2-nistp256" => HashAlgorithmName.SHA256,
        "ecdsa-sha2-nistp384" => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    public static int CoordinateLength(string keyType) => keyType switch
    {
        "ecdsa-sha2-nistp256" => 32,
        "ecdsa-sha2-nistp384" => 48,
        _ => 66,
    };

    /// <summary>Imports an uncompressed point (0x04 || X || Y); the import validates that it lies on the curve.</summary>
    public static ECDsa Import(string keyType, ReadOnlySpan<byte> point)
    {
        var size = CoordinateLength(keyType);
        if (point.Length != 1 + 2 * size || point[0] != 4)
        {
            throw new FormatException("The ECDSA point must be uncompressed and of the curve's size.");
        }

        return ECDsa.Create(new ECParameters
        {
            Curve = Curve(keyType),
            Q = new ECPoint { X = point.Slice(1, size).ToArray(), Y = point.Slice(1 + size, size).ToArray() },
        });
    }
}
