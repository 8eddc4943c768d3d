using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Receiver.Ssh.Crypto;

/// <summary>
/// Poly1305 (RFC 8439 §2.5) in radix 2^64: the accumulator is h0 + h1·2^64 + h2·2^128 (h2 a few bits), and
/// r's clamping (r1 a multiple of 4) folds every product at or above 2^128 back as ·5/4, so a block costs four
/// 64×64→128 multiplications. One tag per call, no allocation, no branch or table on secret data: each
/// chacha20-poly1305 packet has its own one-time key.
/// </summary>
internal static class Poly1305
{
    /// <summary>
    /// The tag of <paramref name="message"/> under the one-time <paramref name="key"/>. Radix 2^64 wants a 64×64→128
    /// multiplication in one instruction: MULX (BMI2) on x64, UMULH on arm64. An x64 program compiled ahead of time
    /// for the baseline instruction set has no MULX, so it takes <see cref="Poly1305Radix26"/>; the check is a
    /// constant there, so only one of the two is compiled in.
    /// </summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> tag)
    {
        if (Bmi2.X64.IsSupported || ArmBase.Arm64.IsSupported)
        {
            ComputeRadix64(key, message, tag);
        }
        else
        {
            Poly1305Radix26.Compute(key, message, tag);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ComputeRadix64(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> tag)
    {
        var r0 = BinaryPrimitives.ReadUInt64LittleEndian(key) & 0x0ffffffc0fffffff;
        var r1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]) & 0x0ffffffc0ffffffc;
        var s1 = r1 + (r1 >> 2); // r1·2^128 ≡ r1·5/4 (mod 2^130 - 5)
        ulong h0 = 0, h1 = 0, h2 = 0;

        // Whole blocks straight from the message; the last partial block padded with a 1 byte (no high bit).
        var whole = message.Length & ~15;
        ref var data = ref MemoryMarshal.GetReference(message);
        for (var offset = 0; offset < whole; offset += 16)
        {
            Block(ref h0, ref h1, ref h2, ReadLittleEndian(ref Unsafe.Add(ref data, offset)), ReadLittleEndian(ref Unsafe.Add(ref data, offset + 8)), 1, r0, r1, s1);
        }

        if (whole < message.Length)
        {
            Span<byte> last = stackalloc byte[16];
            last.Clear();
            message[whole..].CopyTo(last);
            last[message.Length - whole] = 1;
            Block(ref h0, ref h1, ref h2, BinaryPrimitives.ReadUInt64LittleEndian(last), BinaryPrimitives.ReadUInt64LittleEndian(last[8..]), 0, r0, r1, s1);
            CryptographicClear(last);
        }

        // h is below 2·p: h - p = h + 5 - 2^130 is kept where it does not go negative (bit 130 of h + 5 set).
        var g0 = h0 + 5;
        var carry = Carry(h0, 5, g0);
        var g1 = h1 + carry;
        carry = Carry(h1, carry, g1);
        var g2 = h2 + carry;
        var useG = 0 - (g2 >> 2); // all ones when h >= p
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);

        // tag = (h + s) mod 2^128
        var pad0 = BinaryPrimitives.ReadUInt64LittleEndian(key[16..]);
        var pad1 = BinaryPrimitives.ReadUInt64LittleEndian(key[24..]);
        var t0 = h0 + pad0;
        var t1 = h1 + pad1 + Carry(h0, pad0, t0);
        BinaryPrimitives.WriteUInt64LittleEndian(tag, t0);
        BinaryPrimitives.WriteUInt64LittleEndian(tag[8..], t1);
    }

    /// <summary>h = (h + m + hibit·2^128)·r, partly reduced mod 2^130 - 5 (h2 stays a few bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block(ref ulong h0, ref ulong h1, ref ulong h2, ulong m0, ulong m1, ulong hibit, ulong r0, ulong r1, ulong s1)
    {
        var a0 = h0 + m0;
        var carry = Carry(h0, m0, a0);
        var a1 = h1 + m1;
        var carry1 = Carry(h1, m1, a1);
        var b1 = a1 + carry;
        carry1 += Carry(a1, carry, b1);
        var a2 = h2 + carry1 + hibit;

        // (a0 + b1·2^64 + a2·2^128)·(r0 + r1·2^64), with every 2^128·r1 term folded back as s1.
        ulong d0h = 0, d0l = 0, d1h = 0, d1l = 0;
        MultiplyAdd(ref d0h, ref d0l, a0, r0);
        MultiplyAdd(ref d0h, ref d0l, b1, s1);
        MultiplyAdd(ref d1h, ref d1l, a0, r1);
        MultiplyAdd(ref d1h, ref d1l, b1, r0);
        Add(ref d1h, ref d1l, a2 * s1);
        Add(ref d1h, ref d1l, d0h);
        var d2 = (a2 * r0) + d1h;

        // Bits at 2^130 and up come back ·5: c·5 = (d2 & ~3) + (d2 >> 2).
        var c = (d2 & ~3UL) + (d2 >> 2);
        var n0 = d0l + c;
        carry = Carry(d0l, c, n0);
        var n1 = d1l + carry;
        h0 = n0;
        h1 = n1;
        h2 = (d2 & 3) + Carry(d1l, carry, n1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadLittleEndian(ref byte source)
    {
        var value = Unsafe.ReadUnaligned<ulong>(ref source);
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>(hi, lo) += a·b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAdd(ref ulong hi, ref ulong lo, ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        Add(ref hi, ref lo, low);
        hi += high;
    }

    /// <summary>(hi, lo) += value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref ulong hi, ref ulong lo, ulong value)
    {
        var sum = lo + value;
        hi += Carry(lo, value, sum);
        lo = sum;
    }

    /// <summary>The carry out of <paramref name="sum"/> = a + b, without a branch (constant time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Carry(ulong a, ulong b, ulong sum) => ((a & b) | ((a | b) & ~sum)) >> 63;

    private static void CryptographicClear(Span<byte> block) => System.Security.Cryptography.CryptographicOperations.ZeroMemory(block);
}
