using Receiver.Ftp.Listing;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Commands;

/// <summary>SYST, FEAT, OPTS, NOOP, HELP, STAT, TYPE, MODE, STRU, ABOR.</summary>
internal static class MiscCommands
{
    private static readonly string[] Features =
    [
        "AUTH TLS", "PBSZ", "PROT", "UTF8", "EPRT", "EPSV", "MDTM", "MFMT", "SIZE", "REST STREAM", "TVFS",
        "MLST type*;size*;modify*;perm*;",
    ];

    public static async ValueTask Syst(FtpSession session, string argument) =>
        await session.ReplyAsync(215, "UNIX Type: L8").ConfigureAwait(false);

    public static async ValueTask Feat(FtpSession session, string argument)
    {
        var features = session.Server.Tls is null ? Features.Where(f => f is not ("AUTH TLS" or "PBSZ" or "PROT")) : Features;
        await session.ReplyAsync(FtpReply.Multi(211, "Features:", features, "End")).ConfigureAwait(false);
    }

    public static async ValueTask Opts(FtpSession session, string argument)
    {
        var option = argument.Trim().ToUpperInvariant();
        if (option is "UTF8 ON" or "UTF8" or "UTF-8 ON")
        {
            await session.ReplyAsync(200, "Always in UTF8 mode.").ConfigureAwait(false);
        }
        else if (option.StartsWith("MLST", StringComparison.Ordinal))
        {
            await session.ReplyAsync(200, "MLST OPTS type;size;modify;perm;").ConfigureAwait(false);
        }
        else
        {
            await session.ReplyAsync(501, "Option not understood.").ConfigureAwait(false);
        }
    }

    public static async ValueTask Noop(FtpSession session, string argument) =>
        await session.ReplyAsync(200, "NOOP ok.").ConfigureAwait(false);

    public static async ValueTask Help(FtpSession session, string argument)
    {
        var verbs = Commands.CommandTable.Commands.Keys.Order(StringComparer.Ordinal).Chunk(10).Select(chunk => string.Join(' ', chunk));
        await session.ReplyAsync(FtpReply.Multi(214, "The following commands are recognized.", verbs, "Help OK.")).ConfigureAwait(false);
    }

    public static async ValueTask Stat(FtpSession session, string argument)
    {
        if (argument.Length > 0)
        {
            var path = session.Resolve(argument);
            var entry = session.Files.Stat(path);
            var entries = entry.IsDirectory ? session.Files.ListDirectory(path) : [entry];
            var now = session.Server.Time.GetUtcNow();
            await session.ReplyAsync(FtpReply.Multi(213, "Status of " + path + ":", entries.Select(e => ListingFormatter.ListLine(e, now)), "End of status")).ConfigureAwait(false);
            return;
        }

        var lines = new[]
        {
            $"Connected to {session.LocalEndPoint} from {session.RemoteEndPoint}",
            $"Logged in as {session.User}",
            $"TYPE: {(session.AsciiType ? "ASCII" : "BINARY")}; control: {(session.IsTls ? "TLS" : "plain")}; data: {(session.ProtectData ? "private" : "clear")}",
            session.IsTransferRunning ? "A transfer is running" : "No data connection",
        };
        await session.ReplyAsync(FtpReply.Multi(211, "FTP server status:", lines, "End of status")).ConfigureAwait(false);
    }

    public static async ValueTask Type(FtpSession session, string argument)
    {
        switch (argument.Trim().ToUpperInvariant())
        {
            case "I" or "L 8" or "L8":
                session.AsciiType = false;
                await session.ReplyAsync(200, "Switching to Binary mode.").ConfigureAwait(false);
                break;
            case "A" or "A N":
                session.AsciiType = true;
                await session.ReplyAsync(200, "Switching to ASCII mode.").ConfigureAwait(false);
                break;
            default:
                await session.ReplyAsync(504, "Only TYPE A and TYPE I are supported.").ConfigureAwait(false);
                break;
        }
    }

    public static async ValueTask Mode(FtpSession session, string argument)
    {
        var ok = argument.Trim().Equals("S", StringComparison.OrdinalIgnoreCase);
        await session.ReplyAsync(ok ? 200 : 504, ok ? "Mode set to S." : "Only MODE S is supported.").ConfigureAwait(false);
    }

    public static async ValueTask Stru(FtpSession session, string argument)
    {
        var ok = argument.Trim().Equals("F", StringComparison.OrdinalIgnoreCase);
        await session.ReplyAsync(ok ? 200 : 504, ok ? "Structure set to F." : "Only STRU F is supported.").ConfigureAwait(false);
    }

    // Runs at once, even while a transfer runs (CommandFlags.DuringTransfer): that transfer replies 426, then ABOR 226.
    public static async ValueTask Abor(FtpSession session, string argument)
    {
        if (await session.AbortTransferAsync().ConfigureAwait(false))
        {
            await session.ReplyAsync(226, "ABOR successful.").ConfigureAwait(false);
            return;
        }

        session.ReplaceDataSource(null);
        await session.ReplyAsync(225, "No transfer to abort.").ConfigureAwait(false);
    }
}
