using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Data;

/// <summary>
/// The bodies of STOR/APPE and RETR. When the data connection has closed cleanly the session's file system
/// commits the upload (fsync, atomic rename, folder fsync, event) before 226 is sent; a data connection that breaks, an ABOR or a stall aborts it, and no file appears (426). The
/// upload is always disposed (aborted unless committed) before the final reply, so the client never sees a
/// reply while a temporary file still exists.
/// </summary>
internal static class Transfers
{
    public static async Task UploadAsync(FtpSession session, IUpload upload, long offset, CancellationToken cancellationToken)
    {
        var (code, text) = await ReceiveAndCommitAsync(session, upload, offset, cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            await session.TryReplyAsync(code, text).ConfigureAwait(false);
        }
    }

    public static async Task DownloadAsync(FtpSession session, string path, IFileReader reader, long offset, CancellationToken cancellationToken)
    {
        using (reader)
        {
            var connection = await DataChannel.OpenAsync(session, path, cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                return;
            }

            await using (connection.ConfigureAwait(false))
            {
                try
                {
                    await TransferCopy.SendAsync(reader, offset, connection.Stream, session.Server.Options.TransferBufferSize, session.TouchData, cancellationToken).ConfigureAwait(false);
                    await connection.CloseAsync(DataChannel.LingerTimeout(session), session.Server.Time).ConfigureAwait(false);
                }
                catch (FileSystemException ex)
                {
                    connection.Abort();
                    var (code, text) = FtpErrors.Refusal(session, ex, path, duringTransfer: true);
                    await session.TryReplyAsync(code, text).ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
                {
                    connection.Abort();
                    await session.TryReplyAsync(426, "Connection closed; transfer aborted.").ConfigureAwait(false);
                    return;
                }
            }

            await session.TryReplyAsync(226, "Transfer complete.").ConfigureAwait(false);
        }
    }

    // Returns the final reply to send (0 when one was sent already); the upload is disposed on return.
    private static async Task<(int Code, string Text)> ReceiveAndCommitAsync(FtpSession session, IUpload upload, long offset, CancellationToken cancellationToken)
    {
        await using (upload.ConfigureAwait(false))
        {
            var connection = await DataChannel.OpenAsync(session, upload.Path, cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                session.Publish(SessionEventKind.UploadFailed, $"{upload.Path}: no data connection");
                return (0, string.Empty);
            }

            long received;
            await using (connection.ConfigureAwait(false))
            {
                try
                {
                    received = await TransferCopy.ReceiveAsync(connection.Stream, upload, offset, session.Server.Options.TransferBufferSize, session.TouchData, cancellationToken).ConfigureAwait(false);
                    await connection.CloseAsync(DataChannel.LingerTimeout(session), session.Server.Time).ConfigureAwait(false);
                }
                catch (FileSystemException ex)
                {
                    // The camera is still sending: a clean close reads the rest away (for a few seconds at most), so
                    // it finishes and reads the 552 instead of meeting a reset it would report as a broken connection.
                    await connection.CloseAsync(DataChannel.LingerTimeout(session), session.Server.Time).ConfigureAwait(false);

                    session.Publish(SessionEventKind.UploadFailed, $"{upload.Path}: {ex.Message}");
                    return FtpErrors.Refusal(session, ex, upload.Path, duringTransfer: true);
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
                {
                    connection.Abort();
                    session.Logger.LogWarning("Upload of {Path} aborted: {Reason}", LogText.Escape(upload.Path), ex.Message);
                    session.Publish(SessionEventKind.UploadFailed, $"{upload.Path}: data connection closed ({ex.Message})");
                    return (426, "Connection closed; transfer aborted.");
                }
            }

            try
            {
                var committed = await session.Files.CommitUploadAsync(upload, CancellationToken.None).ConfigureAwait(false);
                session.Logger.LogDebug("Upload of {Path} committed as {FinalPath} ({Size} bytes, {Received} received)", committed.VirtualPath, committed.FinalVirtualPath, committed.Size, received);
                session.Publish(SessionEventKind.UploadCompleted, $"{committed.FinalVirtualPath} ({committed.Size} bytes)");
                return (226, "Transfer complete.");
            }
            catch (FileSystemException ex)
            {
                session.Publish(SessionEventKind.UploadFailed, $"{upload.Path}: {ex.Message}");
                return FtpErrors.Refusal(session, ex, upload.Path, duringTransfer: true);
            }
        }
    }
}
