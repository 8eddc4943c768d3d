using Microsoft.Extensions.Logging;
using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>
/// Handles the requests of one session after INIT, one at a time in arrival order, so replies leave in request
/// order and every WRITE is done before the next request is looked at. Handlers are grouped by area in the
/// partial files next to this one; a failed request becomes a status reply through <see cref="SftpErrorMapping"/>.
/// </summary>
internal sealed partial class SftpRequestHandler(
    ISessionFileSystem fileSystem,
    ILogger logger,
    SftpSessionOptions options,
    SftpReplyWriter replies,
    TimeProvider timeProvider)
{
    private const string Success = "Success";

    private readonly SftpHandleTable _handles = new(options.MaxOpenHandles);
    private string? _requestPath;

    private string Camera => fileSystem.AccountName;

    /// <summary>Handles one packet (type, request id, fields); throws <see cref="SftpProtocolException"/> when it is malformed.</summary>
    public async ValueTask HandleAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        var type = (SftpPacketType)packet.Span[0];
        if (type == SftpPacketType.Init)
        {
            throw new SftpProtocolException("INIT received twice");
        }

        if (packet.Length < 5)
        {
            throw new SftpProtocolException($"{type} request without a request id");
        }

        var requestId = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet.Span[1..]);
        var body = packet[5..];
        _requestPath = null;
        try
        {
            await DispatchAsync(type, requestId, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not SftpProtocolException && !cancellationToken.IsCancellationRequested)
        {
            ReplyError(type, requestId, exception);
        }
    }

    /// <summary>Closes whatever the client left open when the session ends: uploads are aborted, not committed.</summary>
    public async ValueTask CloseAllAsync()
    {
        foreach (var handle in _handles.RemoveAll())
        {
            // An upload whose write failed was reported (and discarded) then; the others are lost now.
            if (handle is SftpUploadHandle { WriteFailure: null })
            {
                SftpLog.UploadAborted(logger, handle.Path, Camera);
                Publish(SessionEventKind.UploadFailed, $"{handle.Path}: the session ended before the file was closed");
            }

            try
            {
                await handle.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                SftpLog.FailedUnexpectedly(logger, exception, "close at session end", handle.Path, Camera);
            }
        }
    }

    private ValueTask DispatchAsync(SftpPacketType type, uint id, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case SftpPacketType.Open: Open(id, body.Span); break;
            case SftpPacketType.Close: return CloseAsync(id, body.Span, cancellationToken);
            case SftpPacketType.Read: return ReadAsync(id, body.Span, cancellationToken);
            case SftpPacketType.Write: return WriteAsync(id, body, cancellationToken);
            case SftpPacketType.Fstat: Fstat(id, body.Span); break;
            case SftpPacketType.Fsetstat: Fsetstat(id, body.Span); break;
            case SftpPacketType.Lstat:
            case SftpPacketType.Stat: Stat(id, body.Span); break;
            case SftpPacketType.Setstat: Setstat(id, body.Span); break;
            case SftpPacketType.Opendir: Opendir(id, body.Span); break;
            case SftpPacketType.Readdir: Readdir(id, body.Span); break;
            case SftpPacketType.Mkdir: Mkdir(id, body.Span); break;
            case SftpPacketType.Rmdir: Rmdir(id, body.Span); break;
            case SftpPacketType.Remove: Remove(id, body.Span); break;
            case SftpPacketType.Rename: Rename(id, body.Span); break;
            case SftpPacketType.Realpath: Realpath(id, body.Span); break;
            case SftpPacketType.Readlink:
            case SftpPacketType.Symlink:
                // The jail has no links; refusing them keeps every path inside the account's folder.
                replies.WriteStatus(id, SftpStatusCode.OpUnsupported, "symbolic links are not supported");
                break;
            case SftpPacketType.Extended: return ExtendedAsync(id, body.Span, cancellationToken);
            default:
                replies.WriteStatus(id, SftpStatusCode.OpUnsupported, $"unsupported request type {(byte)type}");
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Reads a path field and remembers it for the log line of a failure.</summary>
    private string ReadPath(ref SftpPayloadReader reader)
    {
        var path = reader.ReadPath();
        _requestPath = path;
        return path;
    }

    /// <summary>The path of a request whose body is that one path (STAT, LSTAT, REMOVE, OPENDIR, RMDIR, REALPATH).</summary>
    private string ReadPath(ReadOnlySpan<byte> body)
    {
        var reader = new SftpPayloadReader(body);
        return ReadPath(ref reader);
    }

    private void ReplyOk(uint id) => replies.WriteStatus(id, SftpStatusCode.Ok, Success);

    private void ReplyError(SftpPacketType type, uint id, Exception exception)
    {
        var error = SftpErrorMapping.Map(exception);
        var request = type.ToString().ToUpperInvariant();
        if (error.Unexpected)
        {
            SftpLog.FailedUnexpectedly(logger, exception, request, _requestPath, Camera);
        }
        else if (error.Code == SftpStatusCode.PermissionDenied)
        {
            SftpLog.Refused(logger, request, _requestPath, Camera, error.Message);
            Publish(SessionEventKind.Refused, $"{request} {_requestPath}: {error.Message}");
        }
        else
        {
            SftpLog.Failed(logger, request, _requestPath, Camera, error.Message);
        }

        replies.WriteStatus(id, error.Code, error.Message);
    }

    private void Publish(SessionEventKind kind, string detail)
    {
        if (options.Events is not { } events)
        {
            return;
        }

        try
        {
            events.Publish(new SessionEvent(CameraProtocols.Sftp, options.SessionId, options.RemoteEndPoint, kind, Camera, detail));
        }
        catch (Exception exception)
        {
            // Sinks must not throw; if one does, the client's request still gets its answer.
            SftpLog.FailedUnexpectedly(logger, exception, "publish event", _requestPath, Camera);
        }
    }

    private FileEntry? TryStat(string path)
    {
        try
        {
            return fileSystem.Stat(path);
        }
        catch (FileSystemException exception) when (exception.Error == FileSystemError.NotFound)
        {
            return null;
        }
    }
}
