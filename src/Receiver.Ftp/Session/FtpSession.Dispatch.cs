using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ftp.Commands;
using Receiver.Ftp.Data;

namespace Receiver.Ftp.Session;

/// <summary>Turns one command line into a handler call, with the table's checks and the central error mapping (<see cref="FtpErrors"/>).</summary>
internal sealed partial class FtpSession
{
    private async ValueTask DispatchAsync(string line)
    {
        var space = line.IndexOf(' ');
        var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
        var argument = space < 0 ? string.Empty : line[(space + 1)..];
        Logger.LogDebug("FTP command {Verb} {Argument}", LogText.Escape(verb), verb == "PASS" ? "****" : LogText.Escape(argument));

        CommandTable.Commands.TryGetValue(verb, out var command);
        if (IsTransferRunning && (command is null || (command.Flags & CommandFlags.DuringTransfer) == 0))
        {
            await WaitForTransferAsync().ConfigureAwait(false);
        }

        if (command is null)
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

        if ((command.Flags & CommandFlags.Rename) == 0)
        {
            RenameFrom = null;
        }

        try
        {
            await command.Handler(this, argument).ConfigureAwait(false);
        }
        catch (FileSystemException ex)
        {
            var (code, text) = FtpErrors.Refusal(this, ex, argument, duringTransfer: false);
            await ReplyAsync(code, text).ConfigureAwait(false);
        }
        catch (DataConnectionException ex)
        {
            await ReplyAsync(425, ex.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not ControlLineException)
        {
            Logger.LogError(ex, "FTP command {Verb} failed", LogText.Escape(verb));
            await ReplyAsync(550, $"{verb} failed: internal error.").ConfigureAwait(false);
        }
    }

    /// <summary>ABOR: cancels the running transfer (its own 426 reply goes first) and waits for it; false when none ran.</summary>
    public async ValueTask<bool> AbortTransferAsync()
    {
        if (!IsTransferRunning)
        {
            return false;
        }

        Logger.LogDebug("ABOR: aborting the running transfer");
        _transferCancellation?.Cancel();
        await WaitForTransferAsync().ConfigureAwait(false);
        return true;
    }

    private async ValueTask WaitForTransferAsync()
    {
        try
        {
            await _transfer.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "FTP transfer failed");
        }
    }

    private static string Truncate(string text) => text.Length <= 16 ? text : text[..16] + "...";
}
