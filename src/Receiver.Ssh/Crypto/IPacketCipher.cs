namespace Receiver.Ssh.Crypto;

/// <summary>
/// Encryption and integrity of one direction of the binary packet protocol (RFC 4253 §6). A packet is the
/// 4-byte length followed by padding length, payload and padding; the tag (MAC) follows it on the wire.
/// All operations work in place on the connection's buffers.
/// </summary>
internal interface IPacketCipher : IDisposable
{
    /// <summary>Padding aligns the packet to this many bytes.</summary>
    int BlockSize { get; }

    /// <summary>Bytes of MAC or AEAD tag after each packet.</summary>
    int TagLength { get; }

    /// <summary>True when the length field is authenticated but not part of the padded, encrypted body (ETM, AEAD).</summary>
    bool LengthOutsideBody { get; }

    /// <summary>Bytes to read before <see cref="DecryptLength"/> can tell the packet length.</summary>
    int FirstReadLength { get; }

    /// <summary>Encrypts <paramref name="packet"/> in place and writes its tag.</summary>
    void Seal(uint sequence, Span<byte> packet, Span<byte> tag);

    /// <summary>Returns the packet length from the first <see cref="FirstReadLength"/> bytes (may decrypt them in place).</summary>
    uint DecryptLength(uint sequence, Span<byte> first);

    /// <summary>Checks the tag and decrypts the rest of the packet in place; throws on a MAC failure.</summary>
    void Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag);
}
