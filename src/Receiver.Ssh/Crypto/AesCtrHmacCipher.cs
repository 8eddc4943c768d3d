using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Receiver.Ssh.Crypto;

/// <summary>aes*-ctr with hmac-sha2-*: MAC over the plaintext (RFC 4253), or over the ciphertext for the -etm@openssh.com forms.</summary>
internal sealed class AesCtrHmacCipher(AesCtr ctr, HmacAlgorithm mac, bool encryptThenMac) : IPacketCipher
{
    public int BlockSize => 16;

    public int TagLength => mac.Length;

    public bool LengthOutsideBody => encryptThenMac;

    public int FirstReadLength => encryptThenMac ? 4 : 16;

    public void Seal(uint sequence, Span<byte> packet, Span<byte> tag)
    {
        if (encryptThenMac)
        {
            ctr.Transform(packet[4..]);
            mac.Compute(sequence, packet, tag);
        }
        else
        {
            mac.Compute(sequence, packet, tag);
            ctr.Transform(packet);
        }
    }

    public uint DecryptLength(uint sequence, Span<byte> first)
    {
        if (!encryptThenMac)
        {
            ctr.Transform(first[..16]);
        }

        return BinaryPrimitives.ReadUInt32BigEndian(first);
    }

    public void Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[64];
        expected = expected[..mac.Length];
        if (encryptThenMac)
        {
            mac.Compute(sequence, packet, expected);
            Verify(expected, tag);
            ctr.Transform(packet[4..]);
        }
        else
        {
            ctr.Transform(packet[16..]);
            mac.Compute(sequence, packet, expected);
            Verify(expected, tag);
        }
    }

    private static void Verify(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> tag)
    {
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            throw new SshProtocolException("Message authentication failed.") { Reason = DisconnectReason.MacError };
        }
    }

    public void Dispose()
    {
        ctr.Dispose();
        mac.Dispose();
    }
}
