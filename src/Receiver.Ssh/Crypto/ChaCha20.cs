using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Receiver.Ssh.Crypto;

/// <summary>
/// The original ChaCha20 (D. J. Bernstein: 64-bit nonce, 64-bit block counter) that OpenSSH's
/// chacha20-poly1305 uses; .NET only has the IETF variant, and this one runs without allocating.
/// </summary>
internal sealed class ChaCha20
{
    private readonly uint[] _key = new uint[8];

    public ChaCha20(ReadOnlySpan<byte> key)
    {
        for (var i = 0; i < 8; i++)
        {
            _key[i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(i * 4)..]);
        }
    }

    /// <summary>XORs the key stream for (<paramref name="nonce"/>, starting block <paramref name="counter"/>) into <paramref name="data"/>.</summary>
    public void Xor(ulong nonce, ulong counter, Span<byte> data)
    {
        Span<uint> block = stackalloc uint[16];
        var blockBytes = MemoryMarshal.AsBytes(block);
        while (data.Length > 0)
        {
            KeyStreamBlock(nonce, counter++, block);
            var n = Math.Min(64, data.Length);
            if (n == 64 && BitConverter.IsLittleEndian)
            {
                var words = MemoryMarshal.Cast<byte, ulong>(data[..64]);
                var stream = MemoryMarshal.Cast<byte, ulong>(blockBytes);
                for (var i = 0; i < 8; i++)
                {
                    words[i] ^= stream[i];
                }
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    data[i] ^= blockBytes[i];
                }
            }

            data = data[n..];
        }
    }

    /// <summary>Writes one 64-byte key stream block (little-endian words) into <paramref name="output"/>.</summary>
    public void KeyStreamBlock(ulong nonce, ulong counter, Span<uint> output)
    {
        uint x0 = 0x61707865, x1 = 0x3320646e, x2 = 0x79622d32, x3 = 0x6b206574;
        uint x4 = _key[0], x5 = _key[1], x6 = _key[2], x7 = _key[3];
        uint x8 = _key[4], x9 = _key[5], x10 = _key[6], x11 = _key[7];
        uint x12 = (uint)counter, x13 = (uint)(counter >> 32);

        // OpenSSH passes the sequence number big-endian as the 8 IV bytes, read as little-endian words.
        var n = BinaryPrimitives.ReverseEndianness(nonce);
        uint x14 = (uint)n, x15 = (uint)(n >> 32);
        uint j12 = x12, j13 = x13, j14 = x14, j15 = x15;

        for (var round = 0; round < 10; round++)
        {
            QuarterRound(ref x0, ref x4, ref x8, ref x12);
            QuarterRound(ref x1, ref x5, ref x9, ref x13);
            QuarterRound(ref x2, ref x6, ref x10, ref x14);
            QuarterRound(ref x3, ref x7, ref x11, ref x15);
            QuarterRound(ref x0, ref x5, ref x10, ref x15);
            QuarterRound(ref x1, ref x6, ref x11, ref x12);
            QuarterRound(ref x2, ref x7, ref x8, ref x13);
            QuarterRound(ref x3, ref x4, ref x9, ref x14);
        }

        output[0] = x0 + 0x61707865;
        output[1] = x1 + 0x3320646e;
        output[2] = x2 + 0x79622d32;
        output[3] = x3 + 0x6b206574;
        output[4] = x4 + _key[0];
        output[5] = x5 + _key[1];
        output[6] = x6 + _key[2];
        output[7] = x7 + _key[3];
        output[8] = x8 + _key[4];
        output[9] = x9 + _key[5];
        output[10] = x10 + _key[6];
        output[11] = x11 + _key[7];
        output[12] = x12 + j12;
        output[13] = x13 + j13;
        output[14] = x14 + j14;
        output[15] = x15 + j15;
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < 16; i++)
            {
                output[i] = BinaryPrimitives.ReverseEndianness(output[i]);
            }
        }
    }

    private static void QuarterRound(ref uint a, ref uint b, ref uint c, ref uint d)
    {
        a += b;
        d = BitOperations.RotateLeft(d ^ a, 16);
        c += d;
        b = BitOperations.RotateLeft(b ^ c, 12);
        a += b;
        d = BitOperations.RotateLeft(d ^ a, 8);
        c += d;
        b = BitOperations.RotateLeft(b ^ c, 7);
    }
}
