using System.Security.Cryptography;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Kex;

/// <summary>Derives IVs and keys from K, H and the session id (RFC 4253 §7.2).</summary>
internal static class KeyDerivation
{
    public static byte[] Derive(HashAlgorithmName hash, byte[] sharedSecret, byte[] exchangeHash, char letter, byte[] sessionId, int length)
    {
        if (length == 0)
        {
            return [];
        }

        using var w = SshWriter.ForSecrets(2048);
        w.Raw(sharedSecret).Raw(exchangeHash).Byte((byte)letter).Raw(sessionId);
        var key = new List<byte>(KeyExchange.HashData(hash, w.WrittenSpan));
        while (key.Count < length)
        {
            using var more = SshWriter.ForSecrets(2048);
            more.Raw(sharedSecret).Raw(exchangeHash).Raw(key.ToArray());
            key.AddRange(KeyExchange.HashData(hash, more.WrittenSpan));
        }

        return key.GetRange(0, length).ToArray();
    }
}
