using System.Buffers.Binary;
using System.Text;
using Receiver.Ssh.Sftp;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>Builds client packets by hand, field by field, as the draft lays them out.</summary>
internal sealed class SftpPacketBuilder
{
    private readonly List<byte> _payload = [];

    public SftpPacketBuilder(SftpPacketType type) => _payload.Add((byte)type);

    public static SftpPacketBuilder Request(SftpPacketType type, uint id) => new SftpPacketBuilder(type).UInt32(id);

    public SftpPacketBuilder UInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        _payload.AddRange(bytes.ToArray());
        return this;
    }

    public SftpPacketBuilder UInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        _payload.AddRange(bytes.ToArray());
        return this;
    }

    public SftpPacketBuilder String(string value) => Bytes(Encoding.UTF8.GetBytes(value));

    public SftpPacketBuilder Bytes(ReadOnlySpan<byte> value)
    {
        UInt32((uint)value.Length);
        _payload.AddRange(value.ToArray());
        return this;
    }

    public SftpPacketBuilder Raw(params byte[] value)
    {
        _payload.AddRange(value);
        return this;
    }

    /// <summary>Empty ATTRS (flags 0).</summary>
    public SftpPacketBuilder NoAttributes() => UInt32(0);

    /// <summary>The packet on the wire: length, type, fields.</summary>
    public byte[] Build()
    {
        var packet = new byte[4 + _payload.Count];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)_payload.Count);
        _payload.CopyTo(packet, 4);
        return packet;
    }
}
