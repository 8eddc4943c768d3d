using System.Buffers.Binary;
using System.Text;
using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>Reads the fields of one request payload; running past its end is a protocol error.</summary>
internal ref struct SftpPayloadReader(ReadOnlySpan<byte> payload)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly int _length = payload.Length;
    private ReadOnlySpan<byte> _remaining = payload;

    /// <summary>Bytes read so far, to slice a field out of the payload's memory.</summary>
    public readonly int Position => _length - _remaining.Length;

    public byte ReadByte()
    {
        Require(1);
        var value = _remaining[0];
        _remaining = _remaining[1..];
        return value;
    }

    public uint ReadUInt32()
    {
        Require(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_remaining);
        _remaining = _remaining[4..];
        return value;
    }

    public ulong ReadUInt64()
    {
        Require(8);
        var value = BinaryPrimitives.ReadUInt64BigEndian(_remaining);
        _remaining = _remaining[8..];
        return value;
    }

    /// <summary>An SSH string as raw bytes (handles, data, extension payloads).</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadUInt32();
        if (length > (uint)_remaining.Length)
        {
            throw new SftpProtocolException($"string of {length} bytes runs past the end of the packet");
        }

        var value = _remaining[..(int)length];
        _remaining = _remaining[(int)length..];
        return value;
    }

    /// <summary>An SSH string decoded as UTF-8 (extension names, link targets).</summary>
    public string ReadUtf8() => Encoding.UTF8.GetString(ReadBytes());

    /// <summary>
    /// A path from the client, resolved against the account root and normalized. Invalid UTF-8 and NUL
    /// characters are refused as <see cref="FileSystemError.InvalidPath"/> rather than guessed at.
    /// </summary>
    public string ReadPath()
    {
        var bytes = ReadBytes();
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FileSystemException(FileSystemError.InvalidPath, "path is not valid UTF-8");
        }

        if (text.Contains('\0'))
        {
            throw new FileSystemException(FileSystemError.InvalidPath, "path contains a NUL character");
        }

        return VirtualPath.Combine(VirtualPath.Root, text);
    }

    public SftpAttributes ReadAttributes()
    {
        var attributes = new SftpAttributes { Flags = (SftpAttributeFlags)ReadUInt32() };
        if (attributes.Flags.HasFlag(SftpAttributeFlags.Size))
        {
            attributes.Size = ReadUInt64();
        }

        if (attributes.Flags.HasFlag(SftpAttributeFlags.UidGid))
        {
            attributes.Uid = ReadUInt32();
            attributes.Gid = ReadUInt32();
        }

        if (attributes.Flags.HasFlag(SftpAttributeFlags.Permissions))
        {
            attributes.Permissions = ReadUInt32();
        }

        if (attributes.Flags.HasFlag(SftpAttributeFlags.AccessModifiedTime))
        {
            attributes.AccessTime = ReadUInt32();
            attributes.ModifiedTime = ReadUInt32();
        }

        if (attributes.Flags.HasFlag(SftpAttributeFlags.Extended))
        {
            // Extended attribute pairs carry nothing we act on; they are read only to stay in step.
            var count = ReadUInt32();
            for (var i = 0; i < count; i++)
            {
                ReadBytes();
                ReadBytes();
            }
        }

        return attributes;
    }

    private readonly void Require(int count)
    {
        if (_remaining.Length < count)
        {
            throw new SftpProtocolException("packet ends in the middle of a field");
        }
    }
}
