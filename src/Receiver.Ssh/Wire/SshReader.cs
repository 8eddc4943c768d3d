using System.Buffers.Binary;
using System.Text;

namespace Receiver.Ssh.Wire;

/// <summary>Reads RFC 4251 data types from a buffer; any read past the end throws <see cref="SshProtocolException"/>.</summary>
internal ref struct SshReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

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

    /// <summary>The message number, which must be <paramref name="number"/>: every message parser starts here.</summary>
    public void ExpectMessage(byte number, DisconnectReason reason = DisconnectReason.ProtocolError)
    {
        if (ReadByte() != number)
        {
            throw new SshProtocolException($"Expected message {number}.") { Reason = reason };
        }
    }

    /// <summary>An SSH string (RFC 4251 §5) as raw bytes: keys, signatures, opaque blobs.</summary>
    public ReadOnlySpan<byte> ReadBytes()
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

    /// <summary>An SSH string decoded as strict UTF-8 text; invalid UTF-8 is a protocol error.</summary>
    public string ReadUtf8()
    {
        try
        {
            return StrictUtf8.GetString(ReadBytes());
        }
        catch (DecoderFallbackException ex)
        {
            throw new SshProtocolException("Invalid UTF-8 string.", ex);
        }
    }

    /// <summary>An SSH string decoded as US-ASCII text (algorithm and method names).</summary>
    public string ReadAscii() => Encoding.ASCII.GetString(ReadBytes());

    public string[] ReadNameList()
    {
        var text = ReadAscii();
        return text.Length == 0 ? [] : text.Split(',');
    }

    /// <summary>Reads an mpint and returns its magnitude bytes without a sign byte (positive numbers only).</summary>
    public ReadOnlySpan<byte> ReadMpintMagnitude()
    {
        var raw = ReadBytes();
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

    /// <summary>Exactly <paramref name="count"/> bytes without a length prefix (the KEXINIT cookie).</summary>
    public ReadOnlySpan<byte> ReadFixedBytes(int count)
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
