using System.Security.Cryptography;
using Receiver.Ssh.Algorithms;
using Receiver.Ssh.Crypto;

namespace Receiver.Ssh.Kex;

/// <summary>The two packet ciphers one key exchange yields (RFC 4253 §7.2: letters A-F), built from K, H and the session id.</summary>
internal static class SessionKeys
{
    /// <summary>Derives both directions' ciphers; clears the shared secret afterwards (it is no longer needed).</summary>
    public static (IPacketCipher Incoming, IPacketCipher Outgoing) Create(KeyExchangeResult kex, NegotiatedAlgorithms negotiated, byte[] sessionId)
    {
        try
        {
            var outgoing = Create(kex, sessionId, negotiated.CipherOut, negotiated.MacOut, 'B', 'D', 'F');
            var incoming = Create(kex, sessionId, negotiated.CipherIn, negotiated.MacIn, 'A', 'C', 'E');
            return (incoming, outgoing);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kex.SharedSecret);
        }
    }

    private static IPacketCipher Create(KeyExchangeResult kex, byte[] sessionId, CipherAlgorithm cipher, MacAlgorithm? mac, char ivLetter, char keyLetter, char macLetter)
    {
        var iv = KeyDerivation.Derive(kex.Hash, kex.SharedSecret, kex.ExchangeHash, ivLetter, sessionId, cipher.IvLength);
        var key = KeyDerivation.Derive(kex.Hash, kex.SharedSecret, kex.ExchangeHash, keyLetter, sessionId, cipher.KeyLength);
        var macKey = mac is null ? [] : KeyDerivation.Derive(kex.Hash, kex.SharedSecret, kex.ExchangeHash, macLetter, sessionId, mac.KeyLength);
        try
        {
            return cipher.Create(key, iv, mac, macKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(macKey);
        }
    }
}
