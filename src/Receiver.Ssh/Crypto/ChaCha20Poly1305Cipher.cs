using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Receiver.Ssh.Crypto;

/// <summary>
/// chacha20-poly1305@openssh.com (OpenSSH PROTOCOL.chacha20poly1305): the length is encrypted with its own
/// key, the body with the main key from block 1, and Poly1305 (keyed by block 0) covers both ciphertexts.
/// </summary>
internal sealed class ChaCha20Poly1305Cipher : IPacketCipher
{
    public const int KeyLength = 64;

    private readonly ChaCha20 _main;
    private readonly ChaCha20BodyStream _body;
    private readonly ChaCha20 _header;

    public ChaCha20Poly1305Cipher(ReadOnlySpan<byte> key)
    {
        _main = new ChaCha20(key[..32]);
        _body = new ChaCha20BodyStream(key[..32], _main);
        _header = new ChaCha20(key[32..64]);
    }

    public int BlockSize => 8;

    public int TagLength => 16;

    public bool LengthOutsideBody => true;

    public int FirstReadLength => 4;

    public void Seal(uint sequence, Span<byte> packet, Span<byte> tag)
    {
        _header.Xor(sequence, 0, packet[..4]);
        _body.Xor(sequence, packet[4..]);
        ComputeTag(sequence, packet, tag);
    }

    public uint DecryptLength(uint sequence, Span<byte> first)
    {
        // The tag covers the encrypted length, so decrypt a copy and leave the bytes as they are.
        Span<byte> length = stackalloc byte[4];
        first[..4].CopyTo(length);
        _header.Xor(sequence, 0, length);
        return BinaryPrimitives.ReadUInt32BigEndian(length);
    }

    public void Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[16];
        ComputeTag(sequence, packet, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            throw new SshProtocolException("Message authentication failed.") { Reason = DisconnectReason.MacError };
        }

        _header.Xor(sequence, 0, packet[..4]);
        _body.Xor(sequence, packet[4..]);
    }

    private void ComputeTag(uint sequence, ReadOnlySpan<byte> ciphertext, Span<byte> tag)
    {
        Span<byte> polyKey = stackalloc byte[32];
        polyKey.Clear();
        _main.Xor(sequence, 0, polyKey);
        Poly1305.Compute(polyKey, ciphertext, tag);
        polyKey.Clear();
    }

    public void Dispose() => _body.Dispose();
}
