using System.Buffers.Binary;
using System.IO.Pipelines;

namespace Receiver.Ssh.Sftp;

/// <summary>One entry of a NAME reply.</summary>
internal readonly record struct SftpNameEntry(string FileName, string LongName, SftpAttributes Attributes);

/// <summary>
/// Encodes replies straight into the output pipe. Replies are written in the order requests are handled, so
/// they leave in request order; the session decides when to flush so that pipelined replies share writes.
/// </summary>
internal sealed class SftpReplyWriter(PipeWriter output)
{
    private const int HeaderLength = 4 + 1 + 4; // length, type, request id

    public long UnflushedBytes { get; private set; }

    public void WriteVersion()
    {
        var size = HeaderLength;
        foreach (var (name, version) in SftpExtensions.Advertised)
        {
            size += SftpSpanWriter.StringLength(name) + SftpSpanWriter.StringLength(version);
        }

        var span = output.GetSpan(size);
        var writer = new SftpSpanWriter(span[4..]);
        writer.WriteByte((byte)SftpPacketType.Version);
        writer.WriteUInt32(SftpExtensions.ProtocolVersion);
        foreach (var (name, version) in SftpExtensions.Advertised)
        {
            writer.WriteString(name);
            writer.WriteString(version);
        }

        Complete(span, writer.Written);
    }

    public void WriteStatus(uint requestId, SftpStatusCode code, string message)
    {
        // OpenSSH sends a message and an (empty) language tag to v3 clients too, and they print the message.
        var span = output.GetSpan(HeaderLength + 4 + SftpSpanWriter.StringLength(message) + 4);
        var writer = Begin(span, SftpPacketType.Status, requestId);
        writer.WriteUInt32((uint)code);
        writer.WriteString(message);
        writer.WriteString(string.Empty);
        Complete(span, writer.Written);
    }

    public void WriteHandle(uint requestId, uint handle)
    {
        var span = output.GetSpan(HeaderLength + 8);
        var writer = Begin(span, SftpPacketType.Handle, requestId);
        Span<byte> handleBytes = stackalloc byte[SftpHandleTable.HandleLength];
        SftpHandleTable.Encode(handle, handleBytes);
        writer.WriteBytes(handleBytes);
        Complete(span, writer.Written);
    }

    public void WriteAttributes(uint requestId, in SftpAttributes attributes)
    {
        var span = output.GetSpan(HeaderLength + SftpAttributes.MaxEncodedLength);
        var writer = Begin(span, SftpPacketType.Attrs, requestId);
        writer.WriteAttributes(attributes);
        Complete(span, writer.Written);
    }

    public void WriteName(uint requestId, IReadOnlyList<SftpNameEntry> entries)
    {
        var size = HeaderLength + 4;
        foreach (var entry in entries)
        {
            size += SftpSpanWriter.StringLength(entry.FileName) + SftpSpanWriter.StringLength(entry.LongName) + SftpAttributes.MaxEncodedLength;
        }

        var span = output.GetSpan(size);
        var writer = Begin(span, SftpPacketType.Name, requestId);
        writer.WriteUInt32((uint)entries.Count);
        foreach (var entry in entries)
        {
            writer.WriteString(entry.FileName);
            writer.WriteString(entry.LongName);
            writer.WriteAttributes(entry.Attributes);
        }

        Complete(span, writer.Written);
    }

    public void WriteExtendedReply(uint requestId, ReadOnlySpan<ulong> values)
    {
        var span = output.GetSpan(HeaderLength + (8 * values.Length));
        var writer = Begin(span, SftpPacketType.ExtendedReply, requestId);
        foreach (var value in values)
        {
            writer.WriteUInt64(value);
        }

        Complete(span, writer.Written);
    }

    /// <summary>
    /// Reserves a DATA reply so file data is read straight into the output buffer: fill
    /// <c>reservation[DataOffset..]</c>, then call <see cref="CompleteData"/> (or nothing, to drop it).
    /// </summary>
    public Memory<byte> ReserveData(int maxLength) => output.GetMemory(DataOffset + maxLength)[..(DataOffset + maxLength)];

    public const int DataOffset = HeaderLength + 4;

    public void CompleteData(Memory<byte> reservation, uint requestId, int length)
    {
        var span = reservation.Span;
        var writer = Begin(span, SftpPacketType.Data, requestId);
        writer.WriteUInt32((uint)length);
        Complete(span, writer.Written + length);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var result = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new IOException("the SFTP channel no longer accepts replies");
        }

        UnflushedBytes = 0;
    }

    private static SftpSpanWriter Begin(Span<byte> span, SftpPacketType type, uint requestId)
    {
        var writer = new SftpSpanWriter(span[4..]);
        writer.WriteByte((byte)type);
        writer.WriteUInt32(requestId);
        return writer;
    }

    private void Complete(Span<byte> span, int payloadLength)
    {
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)payloadLength);
        output.Advance(4 + payloadLength);
        UnflushedBytes += 4 + payloadLength;
    }
}
