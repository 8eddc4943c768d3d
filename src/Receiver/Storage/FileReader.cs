using Microsoft.Win32.SafeHandles;
using Receiver.Abstractions;

namespace Receiver.Storage;

/// <summary>Reads a file at offsets (download, when the account may).</summary>
internal sealed class FileReader(SafeFileHandle handle) : IFileReader
{
    public long Length => RandomAccess.GetLength(handle);

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return ValueTask.FromResult(RandomAccess.Read(handle, buffer.Span, offset));
        }
        catch (IOException ex)
        {
            throw IoErrors.Translate(ex, "Read");
        }
    }

    public void Dispose() => handle.Dispose();
}
