using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>Something a client opened and refers to by handle until CLOSE.</summary>
internal abstract class SftpHandle(string path) : IAsyncDisposable
{
    public string Path { get; } = path;

    public abstract ValueTask DisposeAsync();
}

/// <summary>A file opened for writing: an upload that is committed on CLOSE and aborted otherwise.</summary>
internal sealed class SftpUploadHandle(IUpload upload, bool append) : SftpHandle(upload.Path)
{
    public IUpload Upload { get; } = upload;

    /// <summary>SSH_FXF_APPEND: writes go to the end whatever offset they carry (as O_APPEND does).</summary>
    public bool Append { get; } = append;

    /// <summary>Why a write failed, if one did: such an upload has a hole and is never committed.</summary>
    public string? WriteFailure { get; private set; }

    /// <summary>A modification time set through FSETSTAT before CLOSE; applied once the file has its final name.</summary>
    public DateTimeOffset? PendingModifiedTime { get; set; }

    private bool Discarded { get; set; }

    /// <summary>
    /// Records the first failed write and deletes the staged data at once: the upload can never be committed, and
    /// on a full disk its bytes are what other cameras need, while the client may keep the handle open for long
    /// (SSH.NET does not CLOSE a handle whose WRITE failed). Later requests on the handle answer with the reason.
    /// </summary>
    public async ValueTask FailAsync(string reason)
    {
        WriteFailure ??= reason;
        await DisposeAsync().ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync()
    {
        if (Discarded)
        {
            return ValueTask.CompletedTask;
        }

        Discarded = true;
        return Upload.DisposeAsync();
    }
}

/// <summary>A file opened for reading.</summary>
internal sealed class SftpReadHandle(string path, IFileReader reader) : SftpHandle(path)
{
    public IFileReader Reader { get; } = reader;

    public override ValueTask DisposeAsync()
    {
        Reader.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A directory listing taken at OPENDIR and handed out in batches by READDIR.</summary>
internal sealed class SftpDirectoryHandle(string path, IReadOnlyList<FileEntry> entries) : SftpHandle(path)
{
    public IReadOnlyList<FileEntry> Entries { get; } = entries;

    public int Position { get; set; }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
