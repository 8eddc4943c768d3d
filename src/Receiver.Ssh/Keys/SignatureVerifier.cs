using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Keys;

/// <summary>Verifies a client's signature blob (string algorithm, string signature) over data with its public key.</summary>
internal static class SignatureVerifier
{
    /// <summary>Which public key type each signature algorithm needs.</summary>
    public static string? KeyTypeFor(string signatureAlgorithm) => signatureAlgorithm switch
    {
        "ssh-ed25519" => "ssh-ed25519",
        "rsa-sha2-256" or "rsa-sha2-512" or "ssh-rsa" => "ssh-rsa",
        "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => signatureAlgorithm,
        _ => null,
    };

    public static bool Verify(SshPublicKey key, string signatureAlgorithm, ReadOnlySpan<byte> signatureBlob, ReadOnlySpan<byte> data)
    {
        try
        {
            var outer = new SshReader(signatureBlob);
            if (outer.ReadAscii() != signatureAlgorithm || KeyTypeFor(signatureAlgorithm) != key.KeyType)
            {
                return false;
            }

            var signature = outer.ReadBytes();
            var blob = new SshReader(key.Blob);
            blob.ReadBytes();
            switch (key.KeyType)
            {
                case "ssh-ed25519":
                    {
                        var publicKey = blob.ReadBytes();
                        return signature.Length == Ed25519.SignatureSize
                            && Ed25519.Verify(signature.ToArray(), 0, publicKey.ToArray(), 0, data.ToArray(), 0, data.Length);
                    }

                case "ssh-rsa":
                    {
                        var e = blob.ReadMpintMagnitude();
                        var n = blob.ReadMpintMagnitude();
                        using var rsa = RSA.Create(new RSAParameters { Exponent = e.ToArray(), Modulus = n.ToArray() });
                        var hash = signatureAlgorithm switch
                        {
                            "rsa-sha2-512" => HashAlgorithmName.SHA512,
                            "rsa-sha2-256" => HashAlgorithmName.SHA256,
                            _ => HashAlgorithmName.SHA1,
                        };
                        return rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
                    }

                default:
                    {
                        blob.ReadBytes();
                        using var ecdsa = EcdsaKeys.Import(key.KeyType, blob.ReadBytes());
                        var inner = new SshReader(signature);
                        var size = EcdsaKeys.CoordinateLength(key.KeyType);
                        var r = inner.ReadMpintMagnitude();
                        var s = inner.ReadMpintMagnitude();
                        if (r.Length > size || s.Length > size)
                        {
                            return false;
                        }

                        Span<byte> ieee = stackalloc byte[2 * size];
                        ieee.Clear();
                        r.CopyTo(ieee[(size - r.Length)..size]);
                        s.CopyTo(ieee[(2 * size - s.Length)..]);
                        return ecdsa.VerifyData(data, ieee, EcdsaKeys.Hash(key.KeyType), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                    }
            }
        }
        catch (SshProtocolException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
