using System.Security.Cryptography;
using Receiver.Ssh.Crypto;

namespace Receiver.Ssh.Algorithms;

/// <summary>A MAC by wire name: its key size, whether it covers the ciphertext (-etm@openssh.com), and how to build it.</summary>
internal sealed record MacAlgorithm(string Name, HashAlgorithmName Hash, int KeyLength, bool EncryptThenMac)
{
    public HmacAlgorithm Create(ReadOnlySpan<byte> key) => new(Hash, key);
}
