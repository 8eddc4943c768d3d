using System.Buffers.Binary;
using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>The handles one session has open; handles are 4-byte numbers that are never reused in a session.</summary>
internal sealed class SftpHandleTable(int maxOpenHandles)
{
    public const int HandleLength = 4;

    private readonly Dictionary<uint, SftpHandle> _handles = [];
    private uint _nextId = 1;

    public static void Encode(uint id, Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, id);

    public uint Add(SftpHandle handle)
    {
        EnsureRoom();
        var id = _nextId++;
        _handles.Add(id, handle);
        return id;
    }

    /// <summary>
    /// Refuses another handle when the table is full; checked before anything is opened. An upload whose write
    /// failed is already discarded and only waits for a CLOSE that some clients never send (SSH.NET): such dead
    /// handles make room first, so a camera retrying on one session after a full disk is not locked out by them.
    /// </summary>
    public void EnsureRoom()
    {
        if (_handles.Count >= maxOpenHandles && _handles.FirstOrDefault(h => h.Value is SftpUploadHandle { WriteFailure: not null }) is { Value: not null } dead)
        {
            _handles.Remove(dead.Key);
        }

        if (_handles.Count >= maxOpenHandles)
        {
            throw new FileSystemException(FileSystemError.Failure, $"too many open files (at most {maxOpenHandles} per session)");
        }
    }

    public SftpHandle Get(ReadOnlySpan<byte> handle)
    {
        if (handle.Length == HandleLength && _handles.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(handle), out var found))
        {
            return found;
        }

        throw new FileSystemException(FileSystemError.Failure, "invalid handle");
    }

    /// <summary>A handle of one kind; <paramref name="wrongKind"/> is the client's message when it is open as another.</summary>
    public T Get<T>(ReadOnlySpan<byte> handle, string wrongKind)
        where T : SftpHandle
        => Get(handle) as T ?? throw new FileSystemException(FileSystemError.Failure, wrongKind);

    public SftpHandle Remove(ReadOnlySpan<byte> handle)
    {
        if (handle.Length == HandleLength && _handles.Remove(BinaryPrimitives.ReadUInt32BigEndian(handle), out var found))
        {
            return found;
        }

        throw new FileSystemException(FileSystemError.Failure, "invalid handle");
    }

    /// <summary>Takes every handle still open (session end); the caller disposes them, which aborts uploads.</summary>
    public List<SftpHandle> RemoveAll()
    {
        var all = _handles.Values.ToList();
        _handles.Clear();
        return all;
    }
}
