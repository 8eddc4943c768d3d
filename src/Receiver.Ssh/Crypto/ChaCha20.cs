using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Receiver.Ssh.Crypto;

/// <summary>
/// The original ChaCha20 (D. J. Bernstein: 64-bit nonce, 64-bit block counter) that OpenSSH's
/// chacha20-poly1305 uses; .NET only has the IETF variant. Four blocks are computed at once in SIMD lanes,
/// and nothing is allocated per call.
/// </summary>
internal sealed class ChaCha20
{
    private const uint C0 = 0x61707865, C1 = 0x3320646e, C2 = 0x79622d32, C3 = 0x6b206574;
    private readonly uint[] _key = new uint[8];

    public ChaCha20(ReadOnlySpan<byte> key)
    {
        for (var i = 0; i < 8; i++)
        {
            _key[i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(i * 4)..]);
        }
    }

    /// <summary>XORs the key stream for (<paramref name="nonce"/>, starting block <paramref name="counter"/>) into <paramref name="data"/>.</summary>
    /// <remarks>
    /// Always four blocks at a time: a short input (the 4-byte length, the 32-byte Poly1305 key) uses the first
    /// block's bytes; the three spare lanes are the price of one block function instead of a second, scalar copy
    /// (the packet body normally goes through OpenSSL, see <see cref="ChaCha20BodyStream"/>).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Xor(ulong nonce, ulong counter, Span<byte> data)
    {
        Span<uint> blocks = stackalloc uint[64];
        var stream = MemoryMarshal.AsBytes(blocks);
        while (data.Length > 0)
        {
            KeyStreamBlocks4(nonce, counter, blocks);
            counter += 4;
            var n = Math.Min(stream.Length, data.Length);
            KeyStreamXor.Into(data[..n], stream[..n]);
            data = data[n..];
        }
    }

    /// <summary>Four consecutive key stream blocks (256 bytes as little-endian words) into <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void KeyStreamBlocks4(ulong nonce, ulong counter, Span<uint> output)
    {
        // OpenSSH passes the sequence number big-endian as the 8 IV bytes, read as little-endian words.
        var n = BinaryPrimitives.ReverseEndianness(nonce);
        var k = _key;
        Vector128<uint> x0 = Vector128.Create(C0), x1 = Vector128.Create(C1), x2 = Vector128.Create(C2), x3 = Vector128.Create(C3);
        Vector128<uint> x4 = Vector128.Create(k[0]), x5 = Vector128.Create(k[1]), x6 = Vector128.Create(k[2]), x7 = Vector128.Create(k[3]);
        Vector128<uint> x8 = Vector128.Create(k[4]), x9 = Vector128.Create(k[5]), x10 = Vector128.Create(k[6]), x11 = Vector128.Create(k[7]);
        var c0 = counter;
        var c1 = counter + 1;
        var c2 = counter + 2;
        var c3 = counter + 3;
        Vector128<uint> x12 = Vector128.Create((uint)c0, (uint)c1, (uint)c2, (uint)c3);
        Vector128<uint> x13 = Vector128.Create((uint)(c0 >> 32), (uint)(c1 >> 32), (uint)(c2 >> 32), (uint)(c3 >> 32));
        Vector128<uint> x14 = Vector128.Create((uint)n), x15 = Vector128.Create((uint)(n >> 32));
        var j12 = x12;
        var j13 = x13;

        for (var round = 0; round < 10; round++)
        {
            Quarter(ref x0, ref x4, ref x8, ref x12);
            Quarter(ref x1, ref x5, ref x9, ref x13);
            Quarter(ref x2, ref x6, ref x10, ref x14);
            Quarter(ref x3, ref x7, ref x11, ref x15);
            Quarter(ref x0, ref x5, ref x10, ref x15);
            Quarter(ref x1, ref x6, ref x11, ref x12);
            Quarter(ref x2, ref x7, ref x8, ref x13);
            Quarter(ref x3, ref x4, ref x9, ref x14);
        }

        Store(output, 0, x0 + Vector128.Create(C0));
        Store(output, 1, x1 + Vector128.Create(C1));
        Store(output, 2, x2 + Vector128.Create(C2));
        Store(output, 3, x3 + Vector128.Create(C3));
        Store(output, 4, x4 + Vector128.Create(k[0]));
        Store(output, 5, x5 + Vector128.Create(k[1]));
        Store(output, 6, x6 + Vector128.Create(k[2]));
        Store(output, 7, x7 + Vector128.Create(k[3]));
        Store(output, 8, x8 + Vector128.Create(k[4]));
        Store(output, 9, x9 + Vector128.Create(k[5]));
        Store(output, 10, x10 + Vector128.Create(k[6]));
        Store(output, 11, x11 + Vector128.Create(k[7]));
        Store(output, 12, x12 + j12);
        Store(output, 13, x13 + j13);
        Store(output, 14, x14 + Vector128.Create((uint)n));
        Store(output, 15, x15 + Vector128.Create((uint)(n >> 32)));
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < 64; i++)
            {
                output[i] = BinaryPrimitives.ReverseEndianness(output[i]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<uint> output, int word, Vector128<uint> lanes)
    {
        output[word] = lanes.GetElement(0);
        output[16 + word] = lanes.GetElement(1);
        output[32 + word] = lanes.GetElement(2);
        output[48 + word] = lanes.GetElement(3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Quarter(ref Vector128<uint> a, ref Vector128<uint> b, ref Vector128<uint> c, ref Vector128<uint> d)
    {
        a += b;
        d = Rotate(d ^ a, 16);
        c += d;
        b = Rotate(b ^ c, 12);
        a += b;
        d = Rotate(d ^ a, 8);
        c += d;
        b = Rotate(b ^ c, 7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Rotate(Vector128<uint> value, int bits) =>
        Vector128.ShiftLeft(value, bits) | Vector128.ShiftRightLogical(value, 32 - bits);
}
