using System.Buffers.Binary;
using System.Text;

namespace Receiver.Ssh.Wire;

/// <summary>Reads RFC 4251 data types from a buffer; any read past the end throws <see cref="SshProtocolException"/>.</summary>
internal ref struct SshReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public readonly int Remaining => _buffer.Length - _position;

    public readonly bool AtEnd => _position >= _buffer.Length;

    public readonly ReadOnlySpan<byte> Rest => _buffer[_position..];

    public byte ReadByte()
    {
        Ensure(1);
        return _buffer[_position++];
    }

    public bool ReadBoolean() => ReadByte() != 0;

    public uint ReadUInt32()
    {
        Ensure(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_buffer[_position..]);
        _position += 4;
        return value;
    }

    public ulong ReadUInt64()
    {
        Ensure(8);
        var value = BinaryPrimitives.ReadUInt64BigEndian(_buffer[_position..]);
        _position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadString()
    {
        var length = ReadUInt32();
        if (length > int.MaxValue)
        {
            throw new SshProtocolException("String length out of range.");
        }

        Ensure((int)length);
        var value = _buffer.Slice(_position, (int)length);
        _position += (int)length;
        return value;
    }

    public string ReadUtf8()
    {
        try
        {
            return StrictUtf8.GetString(ReadString());
        }
        catch (DecoderFallbackException ex)
        {
            throw new SshProtocolException("Invalid UTF-8 string.", ex);
        }
    }

    public string ReadAscii() => Encoding.ASCII.GetString(ReadString());

    public string[] ReadNameList()
    {
        var text = ReadAscii();
        return text.Length == 0 ? [] : text.Split(',');
    }

    /// <summary>Reads an mpint and returns its magnitude bytes without a sign byte (positive numbers only).</summary>
    public ReadOnlySpan<byte> ReadMpintMagnitude()
    {
        var raw = ReadString();
        if (raw.Length > 0 && (raw[0] & 0x80) != 0)
        {
            throw new SshProtocolException("Negative mpint where a positive one is required.");
        }

        while (raw.Length > 0 && raw[0] == 0)
        {
            raw = raw[1..];
        }

        return raw;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        Ensure(count);
        var value = _buffer.Slice(_position, count);
        _position += count;
        return value;
    }

    private readonly void Ensure(int count)
    {
        if (count < 0 || _buffer.Length - _position < count)
        {
            throw new SshProtocolException("Message truncated.");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
}
