using System.Buffers.Binary;
using System.Text;
using Receiver.Ssh.Sftp;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>A reply as the test client received it, with readers for the fields tests look at.</summary>
internal sealed record SftpReply(SftpPacketType Type, uint Id, byte[] Body)
{
    public SftpStatusCode StatusCode => Type == SftpPacketType.Status
        ? (SftpStatusCode)BinaryPrimitives.ReadUInt32BigEndian(Body)
        : throw new InvalidOperationException($"expected STATUS, got {Type}");

    public string StatusMessage
    {
        get
        {
            _ = StatusCode;
            var offset = 4;
            return ReadString(ref offset);
        }
    }

    /// <summary>Asserts a STATUS reply with <paramref name="code"/> whose message contains <paramref name="text"/>.</summary>
    public void AssertStatus(SftpStatusCode code, string text)
    {
        Assert.Equal(code, StatusCode);
        Assert.Contains(text, StatusMessage);
    }

    /// <summary>The handle of a HANDLE reply.</summary>
    public byte[] Handle => Type == SftpPacketType.Handle ? ReadBytes(0) : throw Unexpected("HANDLE");

    /// <summary>The data of a DATA reply.</summary>
    public byte[] Data => Type == SftpPacketType.Data ? ReadBytes(0) : throw Unexpected("DATA");

    /// <summary>SIZE of an ATTRS reply (present in every ATTRS this server sends).</summary>
    public ulong Size => Type == SftpPacketType.Attrs ? BinaryPrimitives.ReadUInt64BigEndian(Body.AsSpan(4)) : throw Unexpected("ATTRS");

    /// <summary>MTIME of an ATTRS reply.</summary>
    public uint ModifiedTime => Type == SftpPacketType.Attrs ? BinaryPrimitives.ReadUInt32BigEndian(Body.AsSpan(4 + 8 + 4 + 4)) : throw Unexpected("ATTRS");

    /// <summary>Filename and longname of each entry of a NAME reply.</summary>
    public List<(string Name, string LongName)> Names
    {
        get
        {
            if (Type != SftpPacketType.Name)
            {
                throw Unexpected("NAME");
            }

            var count = BinaryPrimitives.ReadUInt32BigEndian(Body);
            var offset = 4;
            var names = new List<(string, string)>();
            for (var i = 0; i < count; i++)
            {
                var name = ReadString(ref offset);
                var longName = ReadString(ref offset);
                var flags = BinaryPrimitives.ReadUInt32BigEndian(Body.AsSpan(offset));
                offset += 4 + ((flags & 1) != 0 ? 8 : 0) + ((flags & 4) != 0 ? 4 : 0) + ((flags & 8) != 0 ? 8 : 0);
                names.Add((name, longName));
            }

            return names;
        }
    }

    /// <summary>The uint64 fields of an EXTENDED_REPLY (statvfs, limits).</summary>
    public ulong[] ExtendedValues => Type == SftpPacketType.ExtendedReply
        ? Enumerable.Range(0, Body.Length / 8).Select(i => BinaryPrimitives.ReadUInt64BigEndian(Body.AsSpan(i * 8))).ToArray()
        : throw Unexpected("EXTENDED_REPLY");

    private byte[] ReadBytes(int offset)
    {
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(Body.AsSpan(offset));
        return Body.AsSpan(offset + 4, length).ToArray();
    }

    private string ReadString(ref int offset)
    {
        var bytes = ReadBytes(offset);
        offset += 4 + bytes.Length;
        return Encoding.UTF8.GetString(bytes);
    }

    private InvalidOperationException Unexpected(string expected) =>
        new($"expected {expected}, got {Type}" + (Type == SftpPacketType.Status ? $" ({StatusCode}: {StatusMessage})" : string.Empty));
}
