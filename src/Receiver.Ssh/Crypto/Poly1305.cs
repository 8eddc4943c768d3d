using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Receiver.Ssh.Crypto;

/// <summary>
/// Poly1305 (RFC 8439 §2.5) with 44/44/42-bit limbs and 128-bit products, one tag per call and no
/// allocation: each chacha20-poly1305 packet has its own one-time key.
/// </summary>
internal static class Poly1305
{
    private const ulong Mask44 = 0xfffffffffff;
    private const ulong Mask42 = 0x3ffffffffff;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> tag)
    {
        var t0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        var t1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
        var r0 = t0 & 0xffc0fffffff;
        var r1 = ((t0 >> 44) | (t1 << 20)) & 0xfffffc0ffff;
        var r2 = (t1 >> 24) & 0x00ffffffc0f;
        var s1 = r1 * (5 << 2);
        var s2 = r2 * (5 << 2);
        ulong h0 = 0, h1 = 0, h2 = 0;

        Span<byte> last = stackalloc byte[16];
        while (message.Length > 0)
        {
            ulong hibit = 1UL << 40;
            scoped ReadOnlySpan<byte> block;
            if (message.Length >= 16)
            {
                block = message[..16];
                message = message[16..];
            }
            else
            {
                last.Clear();
                message.CopyTo(last);
                last[message.Length] = 1;
                block = last;
                message = default;
                hibit = 0;
            }

            var m0 = BinaryPrimitives.ReadUInt64LittleEndian(block);
            var m1 = BinaryPrimitives.ReadUInt64LittleEndian(block[8..]);
            h0 += m0 & Mask44;
            h1 += ((m0 >> 44) | (m1 << 20)) & Mask44;
            h2 += ((m1 >> 24) & Mask42) | hibit;

            var d0 = ((UInt128)h0 * r0) + ((UInt128)h1 * s2) + ((UInt128)h2 * s1);
            var d1 = ((UInt128)h0 * r1) + ((UInt128)h1 * r0) + ((UInt128)h2 * s2);
            var d2 = ((UInt128)h0 * r2) + ((UInt128)h1 * r1) + ((UInt128)h2 * r0);
            var c = (ulong)(d0 >> 44);
            h0 = (ulong)d0 & Mask44;
            d1 += c;
            c = (ulong)(d1 >> 44);
            h1 = (ulong)d1 & Mask44;
            d2 += c;
            c = (ulong)(d2 >> 42);
            h2 = (ulong)d2 & Mask42;
            h0 += c * 5;
            c = h0 >> 44;
            h0 &= Mask44;
            h1 += c;
        }

        // Two full carry passes bring h below 2^130 (the second takes what the first one's top carry left).
        Carry(ref h0, ref h1, ref h2);
        Carry(ref h0, ref h1, ref h2);

        // h - p, kept only if it did not go negative (constant time).
        var g0 = h0 + 5;
        var carry = g0 >> 44;
        g0 &= Mask44;
        var g1 = h1 + carry;
        carry = g1 >> 44;
        g1 &= Mask44;
        var g2 = h2 + carry - (1UL << 42);
        var select = (g2 >> 63) - 1;
        g0 &= select;
        g1 &= select;
        g2 &= select;
        select = ~select;
        h0 = (h0 & select) | g0;
        h1 = (h1 & select) | g1;
        h2 = (h2 & select) | g2;

        var pad0 = BinaryPrimitives.ReadUInt64LittleEndian(key[16..]);
        var pad1 = BinaryPrimitives.ReadUInt64LittleEndian(key[24..]);
        h0 += pad0 & Mask44;
        carry = h0 >> 44;
        h0 &= Mask44;
        h1 += (((pad0 >> 44) | (pad1 << 20)) & Mask44) + carry;
        carry = h1 >> 44;
        h1 &= Mask44;
        h2 += ((pad1 >> 24) & Mask42) + carry;
        h2 &= Mask42;

        BinaryPrimitives.WriteUInt64LittleEndian(tag, h0 | (h1 << 44));
        BinaryPrimitives.WriteUInt64LittleEndian(tag[8..], (h1 >> 20) | (h2 << 24));
    }

    /// <summary>One carry pass over the 44/44/42-bit limbs; what leaves the top limb comes back in times 5 (2^130 = 5 mod p).</summary>
    private static void Carry(ref ulong h0, ref ulong h1, ref ulong h2)
    {
        var carry = h1 >> 44;
        h1 &= Mask44;
        h2 += carry;
        carry = h2 >> 42;
        h2 &= Mask42;
        h0 += carry * 5;
        carry = h0 >> 44;
        h0 &= Mask44;
        h1 += carry;
    }
}
