using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Data;

/// <summary>Opening a transfer's data connection (accept/connect, 150, TLS) and sending text over it.</summary>
internal static class DataChannel
{
    /// <summary>Opens the prepared data connection, replies 150 and runs TLS when PROT P; replies 425 and returns null on failure.</summary>
    public static async Task<DataConnection?> OpenAsync(FtpSession session, string what, CancellationToken cancellationToken)
    {
        var options = session.Server.Options;
        using var source = session.TakeDataSource();
        if (session.RequiresProtectedData && !session.ProtectData)
        {
            // Refused before the data connection is accepted: not one byte of the file crosses in clear.
            session.Publish(SessionEventKind.Refused, $"{what}: the account requires PROT P before a transfer");
            await session.TryReplyAsync(521, "This account requires PROT P before a transfer.").ConfigureAwait(false);
            return null;
        }

        if (source is null)
        {
            await session.TryReplyAsync(425, "Use PORT, PASV or EPSV first.").ConfigureAwait(false);
            return null;
        }

        Socket socket;
        try
        {
            socket = await source.OpenAsync(options.DataConnectionTimeout, session.Server.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (DataConnectionException ex)
        {
            session.Logger.LogWarning("No data connection: {Reason}", ex.Message);
            await session.TryReplyAsync(425, "Can't open data connection: " + ex.Message).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // ABOR (or the session's end) while waiting for the data connection: the transfer ends like an aborted
            // one. Letting the cancellation escape ended the whole control session instead of answering ABOR.
            await session.TryReplyAsync(426, "Connection closed; transfer aborted.").ConfigureAwait(false);
            return null;
        }

        var connection = new DataConnection(socket);
        await session.ReplyAsync(150, $"Opening {(session.AsciiType ? "ASCII" : "BINARY")} mode data connection for {what}.").ConfigureAwait(false);
        if (!session.ProtectData)
        {
            return connection;
        }

        using var timeout = new Deadline(session.Server.Time, options.DataConnectionTimeout, cancellationToken);
        try
        {
            await connection.AuthenticateAsServerAsync(session.Server.Tls!.CreateOptions(), timeout.Token).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
        {
            var detail = $"TLS handshake on the data connection failed: {Tls.TlsSettings.Describe(ex)}";
            session.Logger.LogWarning("{Detail}", detail);
            session.Publish(SessionEventKind.NegotiationFailed, detail);
            connection.Abort();
            await connection.DisposeAsync().ConfigureAwait(false);
            await session.TryReplyAsync(425, "TLS handshake on the data connection failed.").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Sends CRLF-terminated UTF-8 lines (LIST, NLST, MLSD) as one transfer and replies 226 or 426.</summary>
    public static async Task SendLinesAsync(FtpSession session, IEnumerable<string> lines, string what, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        var connection = await OpenAsync(session, what, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return;
        }

        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.Stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await connection.CloseAsync(LingerTimeout(session), session.Server.Time).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                connection.Abort();
                await session.TryReplyAsync(426, "Connection closed; transfer aborted.").ConfigureAwait(false);
                return;
            }

            await session.TryReplyAsync(226, "Transfer complete.").ConfigureAwait(false);
        }
    }

    /// <summary>How long to wait for the client's FIN after ours.</summary>
    public static TimeSpan LingerTimeout(FtpSession session) =>
        TimeSpan.FromTicks(Math.Min(session.Server.Options.DataConnectionTimeout.Ticks, TimeSpan.FromSeconds(5).Ticks));
}
