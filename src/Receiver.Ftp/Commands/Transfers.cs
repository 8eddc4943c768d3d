using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ftp.Data;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Commands;

/// <summary>
/// The bodies of STOR/APPE and RETR. An upload is committed (fsync + atomic rename by the file system) before
/// 226 is sent; a data connection that breaks, an ABOR or a stall aborts it, and no file appears (426).
/// </summary>
internal static class Transfers
{
    public static async Task UploadAsync(FtpSession session, IUpload upload, long offset, CancellationToken cancellationToken)
    {
        await using (upload.ConfigureAwait(false))
        {
            var connection = await DataChannel.OpenAsync(session, upload.Path, cancellationToken).ConfigureAwait(false);
            if (connection is null)
            {
                session.Publish(SessionEventKind.UploadFailed, $"{upload.Path}: no data connection");
                return;
            }

            long received;
            await using (connection.ConfigureAwait(false))
            {
                try
                {
                    received = await TransferCopy.ReceiveAsync(connection.Stream, upload, offset, session.Server.Options.TransferBufferSize, session.TouchData, cancellationToken).ConfigureAwait(false);
                    await connection.CloseAsync(DataChannel.LingerTimeout(session)).ConfigureAwait(false);
                }
                catch (FileSystemException ex)
                {
                    connection.Abort();
                    session.Publish(SessionEventKind.UploadFailed, $"{upload.Path}: {ex.Message}");
                    await session.ReplyFileSystemErrorAsync(ex, upload.Path, duringTransfer: true).ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
                {
                    connection.Abort();
                    session.Logger.LogWarning("Upload of {Path} aborted: {Reason}", upload.Path, ex.Message);
                    session.Publish(SessionEventKind.UploadFailed, $"{upload.Path}: data connection closed ({ex.Message})");
                    await session.TryReplyAsync(426, "Connection closed; transfer aborted.").ConfigureAwait(false);
                    return;
                }
            }

            CommittedUpload committed;
            try
            {
                committed = await upload.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (FileSystemException ex)
            {
                session.Publish(SessionEventKind.UploadFailed, $"{upload.Path}: {ex.Message}");
                await session.ReplyFileSystemErrorAsync(ex, upload.Path, duringTransfer: true).ConfigureAwait(false);
                return;
            }

            session.Logger.LogInformation("Upload of {Path} committed as {FinalPath} ({Size} bytes, {Received} received)", committed.VirtualPath, committed.FinalVirtualPath, committed.Size, received);
            session.Publish(SessionEventKind.UploadCompleted, $"{committed.FinalVirtualPath} ({committed.Size} bytes)");
            await session.TryReplyAsync(226, "Transfer complete.").ConfigureAwait(false);
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
                    await connection.CloseAsync(DataChannel.LingerTimeout(session)).ConfigureAwait(false);
                }
                catch (FileSystemException ex)
                {
                    connection.Abort();
                    await session.ReplyFileSystemErrorAsync(ex, path, duringTransfer: true).ConfigureAwait(false);
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
}
