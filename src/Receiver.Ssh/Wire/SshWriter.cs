using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Receiver.Ssh.Wire;

/// <summary>
/// Writes RFC 4251 data types into a growable buffer rented from the shared pool. Dispose returns it.
/// The first <c>reserve</c> bytes are left free so the transport can put the packet header in front without copying.
/// </summary>
internal sealed class SshWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;
    private readonly int _start;
    private readonly bool _holdsSecrets;

    public SshWriter(int capacity = 256, int reserve = 0)
        : this(capacity, reserve, holdsSecrets: false)
    {
    }

    private SshWriter(int capacity, int reserve, bool holdsSecrets)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity + reserve, 64));
        _start = reserve;
        _length = reserve;
        _holdsSecrets = holdsSecrets;
    }

    /// <summary>A writer for key material (the shared secret, the exchange hash): its buffers are cleared before they go back to the pool.</summary>
    public static SshWriter ForSecrets(int capacity) => new(capacity, 0, holdsSecrets: true);

    /// <summary>The bytes written (after the reserved header space).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(_start, _length - _start);

    public int Length => _length - _start;

    /// <summary>The bytes written, as memory (valid until the writer is disposed).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(_start, _length - _start);

    /// <summary>The whole underlying buffer, for the transport that fills the reserved header in place.</summary>
    internal byte[] RawBuffer => _buffer;

    internal int RawLength => _length;

    public byte[] ToArray() => WrittenSpan.ToArray();

    public SshWriter Byte(byte value)
    {
        Grow(1)[0] = value;
        return this;
    }

    public SshWriter Boolean(bool value) => Byte(value ? (byte)1 : (byte)0);

    public SshWriter UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);
        return this;
    }

    public SshWriter UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(Grow(8), value);
        return this;
    }

    public SshWriter Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Grow(bytes.Length));
        return this;
    }

    public SshWriter String(ReadOnlySpan<byte> bytes)
    {
        UInt32((uint)bytes.Length);
        return Raw(bytes);
    }

    public SshWriter String(string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        UInt32((uint)count);
        Encoding.UTF8.GetBytes(text, Grow(count));
        return this;
    }

    public SshWriter NameList(IEnumerable<string> names) => String(string.Join(',', names));

    /// <summary>Writes an unsigned big-endian magnitude as an mpint (leading zeros stripped, sign byte added when needed).</summary>
    public SshWriter MpintFromMagnitude(ReadOnlySpan<byte> magnitude)
    {
        while (magnitude.Length > 0 && magnitude[0] == 0)
        {
            magnitude = magnitude[1..];
        }

        var pad = magnitude.Length > 0 && (magnitude[0] & 0x80) != 0;
        UInt32((uint)(magnitude.Length + (pad ? 1 : 0)));
        if (pad)
        {
            Byte(0);
        }

        return Raw(magnitude);
    }

    /// <summary>Reserves <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    public Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ReturnToPool(_buffer);
            _buffer = bigger;
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ReturnToPool(buffer);
        }
    }

    private void ReturnToPool(byte[] buffer)
    {
        if (_holdsSecrets)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer.AsSpan(0, _length));
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }
}
