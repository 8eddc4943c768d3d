using System.Buffers.Binary;
using System.Text;

namespace Receiver.Ssh.Sftp;

/// <summary>Writes SSH wire fields into a span sized in advance by the caller.</summary>
internal ref struct SftpSpanWriter(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;

    public int Written { get; private set; }

    public static int StringLength(string value) => 4 + Encoding.UTF8.GetByteCount(value);

    public void WriteByte(byte value)
    {
        _buffer[Written] = value;
        Written += 1;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[Written..], value);
        Written += 4;
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer[Written..], value);
        Written += 8;
    }

    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        value.CopyTo(_buffer[Written..]);
        Written += value.Length;
    }

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetBytes(value, _buffer[(Written + 4)..]);
        WriteUInt32((uint)length);
        Written += length;
    }

    public void WriteAttributes(in SftpAttributes attributes)
    {
        // Only the fields this server ever fills are written; Flags says which.
        var flags = attributes.Flags & (SftpAttributeFlags.Size | SftpAttributeFlags.Permissions | SftpAttributeFlags.AccessModifiedTime);
        WriteUInt32((uint)flags);
        if (flags.HasFlag(SftpAttributeFlags.Size))
        {
            WriteUInt64(attributes.Size);
        }

        if (flags.HasFlag(SftpAttributeFlags.Permissions))
        {
            WriteUInt32(attributes.Permissions);
        }

        if (flags.HasFlag(SftpAttributeFlags.AccessModifiedTime))
        {
            WriteUInt32(attributes.AccessTime);
            WriteUInt32(attributes.ModifiedTime);
        }
    }
}
