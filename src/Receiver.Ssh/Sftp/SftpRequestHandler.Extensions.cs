using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>The EXTENDED requests advertised in VERSION: posix-rename, statvfs, fsync and limits (OpenSSH's).</summary>
internal sealed partial class SftpRequestHandler
{
    private const ulong NameMax = 255;

    private ValueTask ExtendedAsync(uint id, ReadOnlySpan<byte> body, CancellationToken cancellationToken)
    {
        var reader = new SftpPayloadReader(body);
        var name = reader.ReadUtf8();
        switch (name)
        {
            case SftpExtensions.PosixRename:
                PosixRename(id, ref reader);
                break;
            case SftpExtensions.StatVfs:
                StatVfs(id, ref reader);
                break;
            case SftpExtensions.Fsync:
                return Fsync(id, ref reader, cancellationToken);
            case SftpExtensions.Limits:
                Limits(id);
                break;
            default:
                replies.WriteStatus(id, SftpStatusCode.OpUnsupported, $"unsupported extension {name}");
                break;
        }

        return ValueTask.CompletedTask;
    }

    private void PosixRename(uint id, ref SftpPayloadReader reader)
    {
        var source = ReadPath(ref reader);
        var target = reader.ReadPath();
        fileSystem.Rename(source, target, replaceExisting: true);
        ReplyOk(id);
    }

    /// <summary>Answers in struct statvfs terms (fields as OpenSSH's sftp-server sends them) from the volume's space.</summary>
    private void StatVfs(uint id, ref SftpPayloadReader reader)
    {
        ReadPath(ref reader); // every path of the account lives on one volume
        var space = fileSystem.GetDiskSpace();
        var blockSize = (ulong)Math.Max(1, space.BlockSize);
        ReadOnlySpan<ulong> values =
        [
            blockSize, // f_bsize
            blockSize, // f_frsize
            (ulong)Math.Max(0, space.TotalBytes) / blockSize, // f_blocks
            (ulong)Math.Max(0, space.FreeBytes) / blockSize, // f_bfree
            (ulong)Math.Max(0, space.AvailableBytes) / blockSize, // f_bavail
            0, // f_files: inode counts are not reported
            0, // f_ffree
            0, // f_favail
            0, // f_fsid
            0, // f_flag
            NameMax, // f_namemax
        ];
        replies.WriteExtendedReply(id, values);
    }

    private ValueTask Fsync(uint id, ref SftpPayloadReader reader, CancellationToken cancellationToken)
    {
        var handle = _handles.Get(reader.ReadBytes());
        _requestPath = handle.Path;
        if (handle is not SftpUploadHandle upload)
        {
            ReplyOk(id); // nothing of a read or directory handle is waiting to reach the disk
            return ValueTask.CompletedTask;
        }

        return FlushAsync(id, upload, cancellationToken);
    }

    private async ValueTask FlushAsync(uint id, SftpUploadHandle upload, CancellationToken cancellationToken)
    {
        if (upload.WriteFailure is { } writeFailure)
        {
            throw new FileSystemException(FileSystemError.Failure, $"upload not saved: a write failed ({writeFailure})");
        }

        try
        {
            await upload.Upload.FlushToDiskAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // After a failed fsync the kernel may have dropped the dirty pages and a second fsync (at CLOSE) can
            // succeed over lost data: the upload is as broken as after a failed write.
            await FailUploadAsync(upload, exception).ConfigureAwait(false);
        }

        ReplyOk(id);
    }

    /// <summary>limits@openssh.com: the client sizes its reads, writes and open files from these.</summary>
    private void Limits(uint id)
    {
        ReadOnlySpan<ulong> values =
        [
            (ulong)options.MaxPacketLength,
            (ulong)options.MaxReadLength,
            (ulong)options.MaxWriteLength,
            (ulong)options.MaxOpenHandles,
        ];
        replies.WriteExtendedReply(id, values);
    }
}
