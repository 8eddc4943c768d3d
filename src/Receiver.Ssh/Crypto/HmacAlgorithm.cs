using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Receiver.Ssh.Crypto;

/// <summary>HMAC over (sequence number || data) with a reused incremental hash (RFC 4253 §6.4).</summary>
internal sealed class HmacAlgorithm : IDisposable
{
    private readonly IncrementalHash _hash;

    public HmacAlgorithm(HashAlgorithmName hash, ReadOnlySpan<byte> key)
    {
        _hash = IncrementalHash.CreateHMAC(hash, key);
        Length = _hash.HashLengthInBytes;
    }

    public int Length { get; }

    public void Compute(uint sequence, ReadOnlySpan<byte> data, Span<byte> output)
    {
        Span<byte> seq = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(seq, sequence);
        _hash.AppendData(seq);
        _hash.AppendData(data);
        _hash.GetHashAndReset(output);
    }

    public void Dispose() => _hash.Dispose();
}
