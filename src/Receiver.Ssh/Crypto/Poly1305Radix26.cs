using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Receiver.Ssh.Crypto;

/// <summary>
/// Poly1305 in radix 2^26 (five limbs), for CPUs where a 64×64→128 multiplication is not one instruction: an x64
/// program compiled ahead of time for the baseline instruction set has no MULX, and Math.BigMul then falls back to
/// four multiplications behind a call (15 % of a chacha20-poly1305 upload's CPU, perf). Here every product is
/// 32×32→64 (25 per block), one IMUL each on any x64. Same contract as <see cref="Poly1305.Compute"/>: one tag per
/// call, no allocation, no branch or table on secret data.
/// </summary>
internal static class Poly1305Radix26
{
    private const ulong Mask = 0x3ffffff;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> tag)
    {
        // r, clamped, split into 26-bit limbs; s = r·5 folds products at 2^130 and above back (2^130 ≡ 5).
        ulong r0 = Le32(key, 0) & 0x3ffffff;
        ulong r1 = (Le32(key, 3) >> 2) & 0x3ffff03;
        ulong r2 = (Le32(key, 6) >> 4) & 0x3ffc0ff;
        ulong r3 = (Le32(key, 9) >> 6) & 0x3f03fff;
        ulong r4 = (Le32(key, 12) >> 8) & 0x00fffff;
        ulong s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
        ulong h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0;

        // Whole blocks read in place (the loop bound keeps every read inside the message).
        var whole = message.Length & ~15;
        ref var data = ref MemoryMarshal.GetReference(message);
        for (var offset = 0; offset < whole; offset += 16)
        {
            Block(ref Unsafe.Add(ref data, offset), 1UL << 24, r0, r1, r2, r3, r4, s1, s2, s3, s4, ref h0, ref h1, ref h2, ref h3, ref h4);
        }

        if (whole < message.Length)
        {
            // The last partial block, padded with a 1 byte (no bit at 2^128).
            Span<byte> last = stackalloc byte[16];
            last.Clear();
            message[whole..].CopyTo(last);
            last[message.Length - whole] = 1;
            Block(ref MemoryMarshal.GetReference(last), 0, r0, r1, r2, r3, r4, s1, s2, s3, s4, ref h0, ref h1, ref h2, ref h3, ref h4);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(last);
        }

        // Carry all the way round, so every limb is below 2^26 and h below 2·p.
        ulong c = h1 >> 26; h1 &= Mask;
        h2 += c; c = h2 >> 26; h2 &= Mask;
        h3 += c; c = h3 >> 26; h3 &= Mask;
        h4 += c; c = h4 >> 26; h4 &= Mask;
        h0 += c * 5; c = h0 >> 26; h0 &= Mask;
        h1 += c;

        // g = h + 5 - 2^130, kept where it does not go negative (h >= p), chosen by mask.
        var g0 = h0 + 5; c = g0 >> 26; g0 &= Mask;
        var g1 = h1 + c; c = g1 >> 26; g1 &= Mask;
        var g2 = h2 + c; c = g2 >> 26; g2 &= Mask;
        var g3 = h3 + c; c = g3 >> 26; g3 &= Mask;
        var g4 = h4 + c - (1UL << 26);
        var useG = (g4 >> 63) - 1; // all ones unless g4 went below zero
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        h2 = (h2 & ~useG) | (g2 & useG);
        h3 = (h3 & ~useG) | (g3 & useG);
        h4 = (h4 & ~useG) | (g4 & useG & Mask);

        // h as four 32-bit words, plus the pad (key[16..32]) mod 2^128.
        var w0 = (h0 | (h1 << 26)) & 0xffffffff;
        var w1 = ((h1 >> 6) | (h2 << 20)) & 0xffffffff;
        var w2 = ((h2 >> 12) | (h3 << 14)) & 0xffffffff;
        var w3 = ((h3 >> 18) | (h4 << 8)) & 0xffffffff;
        var f = w0 + Le32(key, 16);
        BinaryPrimitives.WriteUInt32LittleEndian(tag, (uint)f);
        f = w1 + Le32(key, 20) + (f >> 32);
        BinaryPrimitives.WriteUInt32LittleEndian(tag[4..], (uint)f);
        f = w2 + Le32(key, 24) + (f >> 32);
        BinaryPrimitives.WriteUInt32LittleEndian(tag[8..], (uint)f);
        f = w3 + Le32(key, 28) + (f >> 32);
        BinaryPrimitives.WriteUInt32LittleEndian(tag[12..], (uint)f);
    }

    /// <summary>h = (h + block + hibit·2^128)·r, partly reduced: the limbs leave below 2^26 but h1, which may hold a little more.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block(ref byte block, ulong hibit, ulong r0, ulong r1, ulong r2, ulong r3, ulong r4,
        ulong s1, ulong s2, ulong s3, ulong s4, ref ulong h0, ref ulong h1, ref ulong h2, ref ulong h3, ref ulong h4)
    {
        h0 += Le32(ref block, 0) & Mask;
        h1 += (Le32(ref block, 3) >> 2) & Mask;
        h2 += (Le32(ref block, 6) >> 4) & Mask;
        h3 += (Le32(ref block, 9) >> 6) & Mask;
        h4 += (Le32(ref block, 12) >> 8) | hibit;

        var d0 = (h0 * r0) + (h1 * s4) + (h2 * s3) + (h3 * s2) + (h4 * s1);
        var d1 = (h0 * r1) + (h1 * r0) + (h2 * s4) + (h3 * s3) + (h4 * s2);
        var d2 = (h0 * r2) + (h1 * r1) + (h2 * r0) + (h3 * s4) + (h4 * s3);
        var d3 = (h0 * r3) + (h1 * r2) + (h2 * r1) + (h3 * r0) + (h4 * s4);
        var d4 = (h0 * r4) + (h1 * r3) + (h2 * r2) + (h3 * r1) + (h4 * r0);

        var c = d0 >> 26; h0 = d0 & Mask;
        d1 += c; c = d1 >> 26; h1 = d1 & Mask;
        d2 += c; c = d2 >> 26; h2 = d2 & Mask;
        d3 += c; c = d3 >> 26; h3 = d3 & Mask;
        d4 += c; c = d4 >> 26; h4 = d4 & Mask;
        h0 += c * 5; c = h0 >> 26; h0 &= Mask;
        h1 += c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Le32(ReadOnlySpan<byte> source, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(source[offset..]);

    /// <summary>A little-endian word of a 16-byte block, read in place (no bounds check per word in the block loop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Le32(ref byte block, int offset)
    {
        var value = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref block, offset));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }
}
