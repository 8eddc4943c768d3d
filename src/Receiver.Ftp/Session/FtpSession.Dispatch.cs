using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ftp.Commands;
using Receiver.Ftp.Data;

namespace Receiver.Ftp.Session;

/// <summary>Turns one command line into a handler call, with the table's checks and the central error mapping.</summary>
internal sealed partial class FtpSession
{
    private async ValueTask DispatchAsync(string line)
    {
        var space = line.IndexOf(' ');
        var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
        var argument = space < 0 ? string.Empty : line[(space + 1)..];
        Logger.LogDebug("FTP command {Verb} {Argument}", LogText.Escape(verb), verb == "PASS" ? "****" : LogText.Escape(argument));

        if (IsTransferRunning)
        {
            if (verb == "ABOR")
            {
                await AbortTransferAsync().ConfigureAwait(false);
                return;
            }

            // Other commands wait for the transfer's final reply, so replies stay in order.
            await WaitForTransferAsync().ConfigureAwait(false);
        }

        if (!CommandTable.Commands.TryGetValue(verb, out var command))
        {
            await ReplyAsync(502, $"Command {Truncate(verb)} not implemented.").ConfigureAwait(false);
            return;
        }

        if (FileSystem is null && (command.Flags & CommandFlags.AllowedBeforeLogin) == 0)
        {
            await ReplyAsync(530, "Please login with USER and PASS.").ConfigureAwait(false);
            return;
        }

        if ((command.Flags & CommandFlags.NeedsArgument) != 0 && argument.Length == 0)
        {
            await ReplyAsync(501, $"{verb} needs an argument.").ConfigureAwait(false);
            return;
        }

        if ((command.Flags & CommandFlags.Transfer) != 0 && DataSource is null)
        {
            await ReplyAsync(425, "Use PORT, PASV or EPSV first.").ConfigureAwait(false);
            return;
        }

        if (verb is not ("RNFR" or "RNTO"))
        {
            // RNTO must follow RNFR directly.
            RenameFrom = null;
        }

        try
        {
            await command.Handler(this, argument).ConfigureAwait(false);
        }
        catch (FileSystemException ex)
        {
            await ReplyFileSystemErrorAsync(ex, argument).ConfigureAwait(false);
        }
        catch (DataConnectionException ex)
        {
            await ReplyAsync(425, ex.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not ControlLineException)
        {
            Logger.LogError(ex, "FTP command {Verb} failed", LogText.Escape(verb));
            await ReplyAsync(550, $"{verb} failed: internal error.").ConfigureAwait(false);
        }
    }

    /// <summary>The one mapping from file-system errors to FTP replies (and Refused events).</summary>
    public async ValueTask ReplyFileSystemErrorAsync(FileSystemException ex, string argument, bool duringTransfer = false)
    {
        NoteRefusal(ex, argument);
        var (code, text) = FileSystemReplies.For(ex, duringTransfer);
        if (duringTransfer)
        {
            await TryReplyAsync(code, text).ConfigureAwait(false);
        }
        else
        {
            await ReplyAsync(code, text).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes and logs the refusals worth explaining (permission, path, space); a missing file is routine.</summary>
    public void NoteRefusal(FileSystemException ex, string path)
    {
        if (ex.Error is FileSystemError.PermissionDenied or FileSystemError.InvalidPath or FileSystemError.NoSpace)
        {
            Publish(SessionEventKind.Refused, $"{path}: {ex.Message}");
            Logger.LogWarning("Refused {Path}: {Reason}", LogText.Escape(path), LogText.Escape(ex.Message));
        }
        else if (ex.Error == FileSystemError.Failure)
        {
            // The client only saw a fixed text; the system's own message (with server paths) belongs in the log.
            Logger.LogWarning("Storage failure on {Path}: {Reason}", LogText.Escape(path), ex.InnerException?.Message ?? ex.Message);
        }
    }

    private async ValueTask AbortTransferAsync()
    {
        Logger.LogInformation("ABOR: aborting the running transfer");
        transferCancellation?.Cancel();
        await WaitForTransferAsync().ConfigureAwait(false);
        await ReplyAsync(226, "ABOR successful.").ConfigureAwait(false);
    }

    private async ValueTask WaitForTransferAsync()
    {
        try
        {
            await transfer.WaitAsync(lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "FTP transfer failed");
        }
    }

    private static string Truncate(string text) => text.Length <= 16 ? text : text[..16] + "...";
}
