using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>OPEN, CLOSE, READ, WRITE, FSTAT, FSETSTAT: requests on files and their handles.</summary>
internal sealed partial class SftpRequestHandler
{
    private void Open(uint id, ReadOnlySpan<byte> body)
    {
        var reader = new SftpPayloadReader(body);
        var path = ReadPath(ref reader);
        var flags = (SftpOpenFlags)reader.ReadUInt32();
        reader.ReadAttributes(); // permissions for a new file: the file system decides those

        _handles.EnsureRoom();
        SftpHandle handle;
        if (flags.HasFlag(SftpOpenFlags.Write))
        {
            handle = OpenForWriting(path, flags);
        }
        else if (flags.HasFlag(SftpOpenFlags.Read))
        {
            handle = new SftpReadHandle(path, fileSystem.OpenRead(path));
        }
        else
        {
            throw new FileSystemException(FileSystemError.Failure, "open needs the READ or WRITE flag");
        }

        replies.WriteHandle(id, _handles.Add(handle));
    }

    /// <summary>
    /// Every write is an upload: TRUNC (or a new file) starts empty, otherwise the existing bytes are kept so
    /// that a resumed transfer continues them; the file appears under its name only when CLOSE commits it.
    /// </summary>
    private SftpUploadHandle OpenForWriting(string path, SftpOpenFlags flags)
    {
        var existing = TryStat(path);
        if (existing is { IsDirectory: true })
        {
            throw new FileSystemException(FileSystemError.IsADirectory, $"{path} is a directory");
        }

        if (existing is not null && flags.HasFlag(SftpOpenFlags.Create) && flags.HasFlag(SftpOpenFlags.Exclusive))
        {
            throw new FileSystemException(FileSystemError.AlreadyExists, $"{path} already exists");
        }

        if (existing is null && !flags.HasFlag(SftpOpenFlags.Create))
        {
            throw new FileSystemException(FileSystemError.NotFound, $"{path} does not exist");
        }

        var keepExistingBytes = existing is not null && !flags.HasFlag(SftpOpenFlags.Truncate) ? existing.Size : 0;
        return new SftpUploadHandle(fileSystem.BeginUpload(path, keepExistingBytes), flags.HasFlag(SftpOpenFlags.Append));
    }

    private ValueTask CloseAsync(uint id, ReadOnlySpan<byte> body, CancellationToken cancellationToken)
    {
        var reader = new SftpPayloadReader(body);
        var handle = _handles.Remove(reader.ReadBytes());
        _requestPath = handle.Path;
        return CloseHandleAsync(id, handle, cancellationToken);
    }

    private async ValueTask CloseHandleAsync(uint id, SftpHandle handle, CancellationToken cancellationToken)
    {
        await using (handle)
        {
            if (handle is SftpUploadHandle upload)
            {
                await CommitAsync(upload, cancellationToken).ConfigureAwait(false);
            }
        }

        ReplyOk(id);
    }

    private async ValueTask CommitAsync(SftpUploadHandle upload, CancellationToken cancellationToken)
    {
        if (upload.WriteFailure is { } writeFailure)
        {
            // Some bytes never reached the file: committing it would file a damaged file under a final name.
            SftpLog.UploadNotCommitted(logger, upload.Path, Camera, writeFailure);
            throw new FileSystemException(FileSystemError.Failure, $"upload not saved: a write failed ({writeFailure})");
        }

        CommittedUpload committed;
        try
        {
            committed = await fileSystem.CommitUploadAsync(upload.Upload, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The handle is gone either way: disposing it (by the caller) removes the temporary file.
            var reason = SftpErrorMapping.Map(exception).Message;
            SftpLog.UploadNotCommitted(logger, upload.Path, Camera, reason);
            Publish(SessionEventKind.UploadFailed, $"{upload.Path}: {reason}");
            throw;
        }

        SftpLog.UploadCommitted(logger, upload.Path, Camera, committed.FinalVirtualPath, committed.Size);
        Publish(SessionEventKind.UploadCompleted, $"{committed.FinalVirtualPath} ({committed.Size} bytes)");
        if (upload.PendingModifiedTime is { } modified)
        {
            try
            {
                fileSystem.SetLastWriteTime(committed.FinalVirtualPath, modified);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The data is safe under its final name; a lost timestamp (`put -p`) is not worth failing CLOSE.
                SftpLog.ModifiedTimeNotSet(logger, committed.FinalVirtualPath, Camera, exception.Message);
            }
        }
    }

    private ValueTask ReadAsync(uint id, ReadOnlySpan<byte> body, CancellationToken cancellationToken)
    {
        var reader = new SftpPayloadReader(body);
        var handle = _handles.Get<SftpReadHandle>(reader.ReadBytes(), "the file is not open for reading");
        var offset = reader.ReadUInt64();
        var length = reader.ReadUInt32();
        _requestPath = handle.Path;
        if (offset >= (ulong)long.MaxValue || length == 0)
        {
            replies.WriteStatus(id, SftpStatusCode.Eof, "End of file");
            return ValueTask.CompletedTask;
        }

        return ReadIntoReplyAsync(id, handle, (long)offset, (int)Math.Min(length, (uint)options.MaxReadLength), cancellationToken);
    }

    private async ValueTask ReadIntoReplyAsync(uint id, SftpReadHandle handle, long offset, int length, CancellationToken cancellationToken)
    {
        var reservation = replies.ReserveData(length);
        var read = await handle.Reader.ReadAsync(offset, reservation[SftpReplyWriter.DataOffset..], cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            replies.WriteStatus(id, SftpStatusCode.Eof, "End of file");
            return;
        }

        replies.CompleteData(reservation, id, read);
    }

    private ValueTask WriteAsync(uint id, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var reader = new SftpPayloadReader(body.Span);
        var handle = _handles.Get<SftpUploadHandle>(reader.ReadBytes(), "the file is not open for writing");
        var offset = reader.ReadUInt64();
        var length = reader.ReadBytes().Length;
        var data = body.Slice(reader.Position - length, length);
        _requestPath = handle.Path;
        if (offset > long.MaxValue - (ulong)length)
        {
            throw new FileSystemException(FileSystemError.Failure, "write offset out of range");
        }

        if (handle.WriteFailure is { } earlier)
        {
            // Pipelined writes behind the failed one: the upload is already discarded, same answer, no log line each.
            replies.WriteStatus(id, SftpStatusCode.Failure, earlier);
            return ValueTask.CompletedTask;
        }

        var at = handle.Append ? handle.Upload.Length : (long)offset;
        ValueTask write;
        try
        {
            write = handle.Upload.WriteAsync(at, data, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return FailUploadAsync(handle, exception);
        }

        if (write.IsCompletedSuccessfully)
        {
            ReplyOk(id);
            return ValueTask.CompletedTask;
        }

        return ReplyWhenWrittenAsync(id, handle, write);
    }

    private async ValueTask ReplyWhenWrittenAsync(uint id, SftpUploadHandle handle, ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await FailUploadAsync(handle, exception).ConfigureAwait(false);
        }

        ReplyOk(id);
    }

    /// <summary>
    /// A failed write or fsync (a full disk, usually) ends the upload: one event, the staged data deleted at once,
    /// and the exception rethrown so the request gets its status reply.
    /// </summary>
    private async ValueTask FailUploadAsync(SftpUploadHandle handle, Exception exception)
    {
        var reason = SftpErrorMapping.Map(exception).Message;
        Publish(SessionEventKind.UploadFailed, $"{handle.Path}: {reason}");
        await handle.FailAsync(reason).ConfigureAwait(false);
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
    }

    private void Fstat(uint id, ReadOnlySpan<byte> body)
    {
        var reader = new SftpPayloadReader(body);
        var handle = _handles.Get(reader.ReadBytes());
        _requestPath = handle.Path;
        if (handle is SftpUploadHandle upload)
        {
            // The upload is not under its name yet: report what has been written so far (resume, `put -a`).
            var now = timeProvider.GetUtcNow();
            replies.WriteAttributes(id, SftpAttributes.FromEntry(new FileEntry(VirtualPath.Name(upload.Path), false, upload.Upload.Length, now, default)));
            return;
        }

        replies.WriteAttributes(id, SftpAttributes.FromEntry(fileSystem.Stat(handle.Path)));
    }

    private void Fsetstat(uint id, ReadOnlySpan<byte> body)
    {
        var reader = new SftpPayloadReader(body);
        var handle = _handles.Get(reader.ReadBytes());
        var attributes = reader.ReadAttributes();
        _requestPath = handle.Path;

        // Size, permissions and owner are the receiver's business; only the modification time is honoured.
        if (attributes.Flags.HasFlag(SftpAttributeFlags.AccessModifiedTime))
        {
            if (handle is SftpUploadHandle upload)
            {
                upload.PendingModifiedTime = attributes.ModifiedAt;
            }
            else
            {
                fileSystem.SetLastWriteTime(handle.Path, attributes.ModifiedAt);
            }
        }

        ReplyOk(id);
    }
}
