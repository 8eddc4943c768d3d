using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Receiver.Ssh.Crypto;

namespace Receiver.Ssh.Transport;

/// <summary>
/// The binary packet protocol over a byte stream (RFC 4253 §6): framing, padding, encryption, MAC and
/// sequence numbers, in two reused pooled buffers. Reads are made by one task; writes are serialized by the caller.
/// </summary>
internal sealed class PacketStream : IDisposable
{
    private const int Slack = 512;
    private const int ReceiveBufferSize = 64 * 1024;
    private const int SendBufferSize = 4 * 1024;
    private readonly Stream _stream;
    private readonly int _maxPacketLength;
    // Both buffers are pooled and held only while in use, so an idle connection holds neither (Kestrel's
    // approach): the read side waits for data with a zero-byte read before it takes its buffer back.
    private byte[] _in = [];
    private int _inStart;
    private int _inEnd;
    private int _inUsed; // high-water mark of _in since it was rented: what must be cleared before it goes back
    private bool _clearReceived = true; // until the login is done, decrypted packets may hold a password
    private byte[]? _out;
    private IPacketCipher _inCipher = NoneCipher.Instance;
    private IPacketCipher _outCipher = NoneCipher.Instance;

    public PacketStream(Stream stream, int maxPacketLength)
    {
        _stream = stream;
        _maxPacketLength = maxPacketLength;
    }

    public uint ReceiveSequence { get; set; }

    public uint SendSequence { get; set; }

    /// <summary>Bytes read and written since the counters were last reset (at each key exchange).</summary>
    public long BytesSinceKex { get; set; }

    public long PacketsReceived { get; private set; }

    /// <summary>Reads the peer's identification line (RFC 4253 §4.2), skipping lines before it, without losing what follows.</summary>
    public async ValueTask<string> ReadIdentificationAsync(CancellationToken cancellationToken)
    {
        for (var lines = 0; lines < 20; lines++)
        {
            int newline;
            while ((newline = Array.IndexOf(_in, (byte)'\n', _inStart, _inEnd - _inStart)) < 0)
            {
                if (_inEnd - _inStart > 255)
                {
                    throw new SshProtocolException("Identification line too long.") { Reason = DisconnectReason.ProtocolVersionNotSupported };
                }

                await FillAsync(_inEnd - _inStart + 1, cancellationToken).ConfigureAwait(false);
            }

            var end = newline > _inStart && _in[newline - 1] == '\r' ? newline - 1 : newline;
            var line = Encoding.ASCII.GetString(_in, _inStart, end - _inStart);
            _inStart = newline + 1;
            if (line.StartsWith("SSH-", StringComparison.Ordinal))
            {
                if (!line.StartsWith("SSH-2.0-", StringComparison.Ordinal) && !line.StartsWith("SSH-1.99-", StringComparison.Ordinal))
                {
                    throw new SshProtocolException($"Unsupported protocol version '{line}'.") { Reason = DisconnectReason.ProtocolVersionNotSupported };
                }

                return line;
            }
        }

        throw new SshProtocolException("No SSH identification line.") { Reason = DisconnectReason.ProtocolVersionNotSupported };
    }

    public async ValueTask WriteIdentificationAsync(string identification, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(identification + "\r\n"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one packet and returns its payload, valid until the next call.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken)
    {
        var cipher = _inCipher;
        var first = cipher.FirstReadLength;
        await FillAsync(first, cancellationToken).ConfigureAwait(false);
        var length = cipher.DecryptLength(ReceiveSequence, _in.AsSpan(_inStart, first));
        var aligned = cipher.LengthOutsideBody ? length : length + 4;
        if (length < 5 || length > _maxPacketLength + Slack)
        {
            throw new SshProtocolException($"Packet length {length} out of range.");
        }

        if (aligned % (uint)cipher.BlockSize != 0)
        {
            throw new SshProtocolException("Packet length is not a multiple of the cipher block size.");
        }

        var total = 4 + (int)length + cipher.TagLength;
        await FillAsync(total, cancellationToken).ConfigureAwait(false);
        var packet = _in.AsSpan(_inStart, 4 + (int)length);
        cipher.Open(ReceiveSequence, packet, _in.AsSpan(_inStart + 4 + (int)length, cipher.TagLength));
        var padding = packet[4];
        if (padding < 4 || padding > length - 2)
        {
            throw new SshProtocolException("Invalid padding length.");
        }

        var payload = _in.AsMemory(_inStart + 5, (int)length - 1 - padding);
        _inStart += total;
        ReceiveSequence++;
        PacketsReceived++;
        BytesSinceKex += total;
        return payload;
    }

    /// <summary>Returns space for a payload of up to <paramref name="maxPayloadLength"/> bytes in the send buffer.</summary>
    public Span<byte> PayloadBuffer(int maxPayloadLength)
    {
        var needed = 5 + maxPayloadLength + 255 + 64;
        if (_out is null || _out.Length < needed)
        {
            ReleaseSendBuffer();
            _out = ArrayPool<byte>.Shared.Rent(Math.Max(needed, SendBufferSize));
        }

        return _out.AsSpan(5, maxPayloadLength);
    }

    /// <summary>Pads, seals and writes the payload previously put in <see cref="PayloadBuffer"/>. The caller serializes writes.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WritePacketAsync(int payloadLength, CancellationToken cancellationToken)
    {
        var buffer = _out ?? throw new InvalidOperationException("PayloadBuffer was not called.");
        var cipher = _outCipher;
        var block = cipher.BlockSize;
        var unpadded = (cipher.LengthOutsideBody ? 0 : 4) + 1 + payloadLength;
        var padding = block - unpadded % block;
        if (padding < 4)
        {
            padding += block;
        }

        var packetLength = 1 + payloadLength + padding;
        var total = Seal(buffer, payloadLength, padding, packetLength);
        try
        {
            await _stream.WriteAsync(buffer.AsMemory(0, total), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReleaseSendBuffer();
        }
    }

    private int Seal(byte[] buffer, int payloadLength, int padding, int packetLength)
    {
        var cipher = _outCipher;
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)packetLength);
        span[4] = (byte)padding;
        RandomNumberGenerator.Fill(span.Slice(5 + payloadLength, padding));
        var total = 4 + packetLength + cipher.TagLength;
        cipher.Seal(SendSequence, span[..(4 + packetLength)], span.Slice(4 + packetLength, cipher.TagLength));
        SendSequence++;
        BytesSinceKex += total;
        return total;
    }

    private void ReleaseSendBuffer()
    {
        if (_out is not null)
        {
            ArrayPool<byte>.Shared.Return(_out);
            _out = null;
        }
    }

    public void SetIncomingCipher(IPacketCipher cipher)
    {
        var old = _inCipher;
        _inCipher = cipher;
        old.Dispose();
    }

    public void SetOutgoingCipher(IPacketCipher cipher)
    {
        var old = _outCipher;
        _outCipher = cipher;
        old.Dispose();
    }

    private async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_inStart == _inEnd)
        {
            _inStart = _inEnd = 0;
            if (_stream is NetworkStream or ConnectionThread)
            {
                // Nothing buffered: give the buffer back while the client is quiet. A socket's zero-byte read
                // completes when data arrives; its result says nothing (the real read below tells EOF).
                ReleaseReceiveBuffer();
                _ = await _stream.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            }
        }

        if (_in.Length == 0)
        {
            _in = ArrayPool<byte>.Shared.Rent(Math.Max(count, ReceiveBufferSize));
        }

        while (_inEnd - _inStart < count)
        {
            if (_inStart + count > _in.Length)
            {
                var target = count > _in.Length ? ArrayPool<byte>.Shared.Rent(count) : _in;
                Buffer.BlockCopy(_in, _inStart, target, 0, _inEnd - _inStart);
                if (target != _in)
                {
                    ReturnCleared(_in, _inUsed);
                    _in = target;
                    _inUsed = _inEnd - _inStart;
                }

                _inEnd -= _inStart;
                _inStart = 0;
            }

            var read = await _stream.ReadAsync(_in.AsMemory(_inEnd), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException("The client closed the connection.");
            }

            _inEnd += read;
            _inUsed = Math.Max(_inUsed, _inEnd);
        }
    }

    private void ReleaseReceiveBuffer()
    {
        if (_in.Length != 0)
        {
            ReturnCleared(_in, _inUsed);
            _in = [];
            _inUsed = 0;
        }
    }

    /// <summary>
    /// The login is done: what was read until now (the password among it) is cleared once, and later packets
    /// (file data, key exchanges with public values only) go back to the pool as they are: clearing up to 64 KiB
    /// at every drain of a streaming upload cost CPU for nothing.
    /// </summary>
    public void StopClearingReceived()
    {
        if (!_clearReceived)
        {
            return;
        }

        _clearReceived = false;
        if (_in.Length != 0)
        {
            CryptographicOperations.ZeroMemory(_in.AsSpan(0, _inStart));
            CryptographicOperations.ZeroMemory(_in.AsSpan(_inEnd, Math.Max(0, Math.Min(_inUsed, _in.Length) - _inEnd)));
        }
    }

    /// <summary>Decrypted packets (a password among them) must not linger in a pooled buffer another user rents.</summary>
    private void ReturnCleared(byte[] buffer, int used)
    {
        if (_clearReceived)
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, Math.Min(used, buffer.Length)));
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    public void Dispose()
    {
        _inCipher.Dispose();
        _outCipher.Dispose();
    }
}
