using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Receiver.Ssh.Crypto;

/// <summary>XORs a stream cipher's key stream into data (AES-CTR, ChaCha20), as wide as the CPU's vectors allow.</summary>
internal static class KeyStreamXor
{
    /// <summary>data ^= stream, over data's length (stream at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Into(Span<byte> data, ReadOnlySpan<byte> stream)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= data.Length; i += 32)
            {
                (Vector256.Create<byte>(data[i..]) ^ Vector256.Create<byte>(stream[i..])).CopyTo(data[i..]);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 16 <= data.Length; i += 16)
            {
                (Vector128.Create<byte>(data[i..]) ^ Vector128.Create<byte>(stream[i..])).CopyTo(data[i..]);
            }
        }

        for (; i < data.Length; i++)
        {
            data[i] ^= stream[i];
        }
    }
}
