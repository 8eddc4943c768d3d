using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>
/// An SFTP v3 server session (draft-ietf-secsh-filexfer-02, as OpenSSH speaks it) over any duplex stream: it
/// knows nothing of SSH. Requests are handled in arrival order on the session's <see cref="ISessionFileSystem"/>;
/// a malformed or oversized packet ends the session, a failed request only earns a status reply.
/// </summary>
public sealed class SftpSession
{
    private const int ReadBufferSize = 64 * 1024;

    private readonly ISessionFileSystem _fileSystem;
    private readonly ILogger _logger;
    private readonly SftpSessionOptions _options;
    private int _started;

    public SftpSession(ISessionFileSystem fileSystem, ILogger logger, SftpSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(logger);
        _fileSystem = fileSystem;
        _logger = logger;
        _options = options ?? new SftpSessionOptions();
        _options.Validate();
    }

    /// <summary>
    /// Serves the client until it closes the channel (a read returns 0), the channel fails, the client breaks the
    /// protocol or <paramref name="cancellationToken"/> fires; it returns normally in all of these cases. Uploads
    /// still open at the end are aborted, so nothing half-written appears under a final name.
    /// </summary>
    /// <param name="channel">Duplex: Read gives the client's bytes, Write sends replies. It is left open.</param>
    public async Task RunAsync(Stream channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("An SftpSession serves one channel once.");
        }

        // Zero-byte reads: the pipe takes a buffer only once the client sent something, so an idle session holds none.
        var input = PipeReader.Create(channel, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, leaveOpen: true, useZeroByteReads: true));
        var output = PipeWriter.Create(channel, new StreamPipeWriterOptions(minimumBufferSize: ReadBufferSize, leaveOpen: true));
        var replies = new SftpReplyWriter(output);
        var handler = new SftpRequestHandler(_fileSystem, _logger, _options, replies, _options.TimeProvider);
        var camera = _fileSystem.AccountName;
        var reason = "the client closed the channel";
        var channelUsable = true;
        try
        {
            await ServeAsync(input, replies, handler, cancellationToken).ConfigureAwait(false);
        }
        catch (SftpProtocolException exception)
        {
            reason = exception.Message;
            SftpLog.ProtocolViolation(_logger, camera, exception.Message);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever a cancelled read, write or upload threw, the session simply ends.
            reason = "the session was cancelled";
            channelUsable = false;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            reason = $"the channel failed: {exception.Message}";
            channelUsable = false;
        }
        finally
        {
            await handler.CloseAllAsync().ConfigureAwait(false);
            await CompleteQuietlyAsync(input, output, replies, channelUsable, cancellationToken).ConfigureAwait(false);
            SftpLog.Ended(_logger, camera, reason);
        }
    }

    private async Task ServeAsync(PipeReader input, SftpReplyWriter replies, SftpRequestHandler handler, CancellationToken cancellationToken)
    {
        var initialized = false;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (TryTakePacket(ref buffer, out var packet))
            {
                var payload = Contiguous(packet, out var rented);
                try
                {
                    if (initialized)
                    {
                        await handler.HandleAsync(payload, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        AnswerInit(payload.Span, replies);
                        initialized = true;
                    }
                }
                finally
                {
                    if (rented is not null)
                    {
                        ArrayPool<byte>.Shared.Return(rented);
                    }
                }

                // Replies wait while pipelined requests are queued, so they share writes to the channel.
                if (replies.UnflushedBytes >= _options.ReplyFlushThreshold)
                {
                    await replies.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (replies.UnflushedBytes > 0)
            {
                await replies.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    throw new SftpProtocolException($"the channel closed in the middle of a packet ({buffer.Length} bytes left over)");
                }

                return;
            }
        }
    }

    /// <summary>Takes one whole packet off the buffer; the length is checked before its body is waited for.</summary>
    private bool TryTakePacket(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> packet)
    {
        packet = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> lengthField = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(lengthField);
        var length = BinaryPrimitives.ReadUInt32BigEndian(lengthField);
        if (length == 0)
        {
            throw new SftpProtocolException("empty packet");
        }

        if (length > (uint)_options.MaxPacketLength)
        {
            throw new SftpProtocolException($"packet of {length} bytes exceeds the limit of {_options.MaxPacketLength}");
        }

        if (buffer.Length < 4 + length)
        {
            return false;
        }

        packet = buffer.Slice(4, length);
        buffer = buffer.Slice(4 + length);
        return true;
    }

    /// <summary>The packet as one block of memory: in place when it is, else copied into a pooled buffer (returned by the caller).</summary>
    private static ReadOnlyMemory<byte> Contiguous(in ReadOnlySequence<byte> packet, out byte[]? rented)
    {
        rented = null;
        if (packet.IsSingleSegment)
        {
            return packet.First;
        }

        rented = ArrayPool<byte>.Shared.Rent((int)packet.Length);
        packet.CopyTo(rented);
        return rented.AsMemory(0, (int)packet.Length);
    }

    private void AnswerInit(ReadOnlySpan<byte> payload, SftpReplyWriter replies)
    {
        var reader = new SftpPayloadReader(payload);
        var type = (SftpPacketType)reader.ReadByte();
        if (type != SftpPacketType.Init)
        {
            throw new SftpProtocolException($"expected INIT, got packet type {(byte)type}");
        }

        // Whatever the client offers, we answer with version 3 (as OpenSSH does); its extension pairs are ignored.
        var clientVersion = reader.ReadUInt32();
        SftpLog.Started(_logger, _fileSystem.AccountName, clientVersion);
        replies.WriteVersion();
    }

    /// <summary>
    /// Sends replies still buffered (those answered before a protocol violation) while the channel works, and
    /// never blocks on one that failed or was cancelled: unsent replies are then dropped with the writer.
    /// </summary>
    private static async ValueTask CompleteQuietlyAsync(PipeReader input, PipeWriter output, SftpReplyWriter replies, bool channelUsable, CancellationToken cancellationToken)
    {
        try
        {
            if (channelUsable && replies.UnflushedBytes > 0)
            {
                await replies.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (replies.UnflushedBytes == 0)
            {
                await output.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The channel is gone; nothing more can reach the client.
        }

        await input.CompleteAsync().ConfigureAwait(false);
    }
}
