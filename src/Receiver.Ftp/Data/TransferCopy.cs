using System.Buffers;
using Receiver.Abstractions;

namespace Receiver.Ftp.Data;

/// <summary>
/// The copy loops of STOR/APPE and RETR: two large pooled buffers, so the network read of one chunk overlaps the
/// disk write of the previous one; no allocation per read.
/// </summary>
internal static class TransferCopy
{
    /// <summary>Copies the data connection into the upload until end of stream; returns the bytes received.</summary>
    public static async Task<long> ReceiveAsync(Stream source, IUpload upload, long offset, int bufferSize, Action onProgress, CancellationToken cancellationToken)
    {
        var current = ArrayPool<byte>.Shared.Rent(bufferSize);
        var other = ArrayPool<byte>.Shared.Rent(bufferSize);
        Task pendingWrite = Task.CompletedTask;
        long received = 0;
        try
        {
            while (true)
            {
                var filled = await FillAsync(source, current, bufferSize, onProgress, cancellationToken).ConfigureAwait(false);
                await pendingWrite.ConfigureAwait(false);
                if (filled == 0)
                {
                    return received;
                }

                // The write runs on the pool: file systems often write synchronously, and the next network read
                // should not wait for the page cache (or for dirty-page throttling). The upload itself flushes
                // what it was given to disk behind the transfer, so the commit's fsync finds little left.
                var chunk = current.AsMemory(0, filled);
                var at = offset;
                pendingWrite = Task.Run(() => upload.WriteAsync(at, chunk, cancellationToken).AsTask(), cancellationToken);
                offset += filled;
                received += filled;

                (current, other) = (other, current);
            }
        }
        finally
        {
            // Never hand a buffer back to the pool while a write may still read from it.
            await Quietly(pendingWrite).ConfigureAwait(false);
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(other);
        }
    }

    /// <summary>Copies a file from <paramref name="offset"/> to the data connection; returns the bytes sent.</summary>
    public static async Task<long> SendAsync(IFileReader reader, long offset, Stream destination, int bufferSize, Action onProgress, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        long sent = 0;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(offset, buffer.AsMemory(0, bufferSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return sent;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                onProgress();
                offset += read;
                sent += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already observed by the loop, or moot because the transfer failed first.
        }
    }

    // Reads until the buffer is full or the stream ends, so the disk sees few large writes.
    private static async ValueTask<int> FillAsync(Stream source, byte[] buffer, int size, Action onProgress, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < size)
        {
            var read = await source.ReadAsync(buffer.AsMemory(filled, size - filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
            onProgress();
        }

        return filled;
    }
}
