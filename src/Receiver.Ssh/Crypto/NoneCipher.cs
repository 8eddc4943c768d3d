using System.Buffers.Binary;

namespace Receiver.Ssh.Crypto;

/// <summary>The cleartext "none" state before the first key exchange completes.</summary>
internal sealed class NoneCipher : IPacketCipher
{
    public static readonly NoneCipher Instance = new();

    public int BlockSize => 8;

    public int TagLength => 0;

    public bool LengthOutsideBody => false;

    public int FirstReadLength => 4;

    public void Seal(uint sequence, Span<byte> packet, Span<byte> tag)
    {
    }

    public uint DecryptLength(uint sequence, Span<byte> first) => BinaryPrimitives.ReadUInt32BigEndian(first);

    public void Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
    }

    public void Dispose()
    {
    }
}
