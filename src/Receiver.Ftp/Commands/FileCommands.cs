using System.Globalization;
using Receiver.Abstractions;
using Receiver.Ftp.Data;
using Receiver.Ftp.Listing;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Commands;

/// <summary>STOR, APPE, RETR, REST, ALLO, SIZE, MDTM, MFMT, DELE, RNFR, RNTO.</summary>
internal static class FileCommands
{
    public static ValueTask Stor(FtpSession session, string argument) => StartUpload(session, argument, append: false);

    public static ValueTask Appe(FtpSession session, string argument) => StartUpload(session, argument, append: true);

    public static ValueTask Retr(FtpSession session, string argument)
    {
        var path = session.Resolve(argument);
        var offset = session.RestartOffset;
        session.RestartOffset = 0;
        var reader = session.Files.OpenRead(path);
        session.StartTransfer(token => Transfers.DownloadAsync(session, path, reader, offset, token));
        return ValueTask.CompletedTask;
    }

    public static async ValueTask Rest(FtpSession session, string argument)
    {
        if (!long.TryParse(argument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            await session.ReplyAsync(501, "REST needs a non-negative byte offset.").ConfigureAwait(false);
            return;
        }

        session.RestartOffset = offset;
        await session.ReplyAsync(350, $"Restarting at {offset}. Send STOR, APPE or RETR.").ConfigureAwait(false);
    }

    // Cameras treat anything but 200 as a failure (a 202 sends some into a reconnect loop).
    public static async ValueTask Allo(FtpSession session, string argument) =>
        await session.ReplyAsync(200, "ALLO command successful.").ConfigureAwait(false);

    public static async ValueTask Size(FtpSession session, string argument)
    {
        var path = session.Resolve(argument);
        var entry = session.Files.Stat(path);
        if (entry.IsDirectory)
        {
            throw new FileSystemException(FileSystemError.IsADirectory, path);
        }

        await session.ReplyAsync(213, entry.Size.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
    }

    public static async ValueTask Mdtm(FtpSession session, string argument)
    {
        // "MDTM YYYYMMDDHHMMSS path" (a setter some clients use) or "MDTM path".
        var space = argument.IndexOf(' ');
        if (space == 14 && ListingFormatter.TryParseTimestamp(argument[..space], out var time))
        {
            var target = session.Resolve(argument[(space + 1)..]);
            session.Files.SetLastWriteTime(target, time);
            await session.ReplyAsync(213, $"Modify={ListingFormatter.Timestamp(time)}; {target}").ConfigureAwait(false);
            return;
        }

        var path = session.Resolve(argument);
        var entry = session.Files.Stat(path);
        await session.ReplyAsync(213, ListingFormatter.Timestamp(entry.LastWriteTime)).ConfigureAwait(false);
    }

    public static async ValueTask Mfmt(FtpSession session, string argument)
    {
        var space = argument.IndexOf(' ');
        if (space < 0 || !ListingFormatter.TryParseTimestamp(argument[..space], out var time))
        {
            await session.ReplyAsync(501, "Usage: MFMT YYYYMMDDHHMMSS path").ConfigureAwait(false);
            return;
        }

        var path = session.Resolve(argument[(space + 1)..]);
        session.Files.SetLastWriteTime(path, time);
        await session.ReplyAsync(213, $"Modify={ListingFormatter.Timestamp(time)}; {path}").ConfigureAwait(false);
    }

    public static async ValueTask Dele(FtpSession session, string argument)
    {
        session.Files.DeleteFile(session.Resolve(argument));
        await session.ReplyAsync(250, "File deleted.").ConfigureAwait(false);
    }

    public static async ValueTask Rnfr(FtpSession session, string argument)
    {
        var path = session.Resolve(argument);
        session.Files.Stat(path);
        session.RenameFrom = path;
        await session.ReplyAsync(350, "Ready for RNTO.").ConfigureAwait(false);
    }

    public static async ValueTask Rnto(FtpSession session, string argument)
    {
        if (session.RenameFrom is not { } source)
        {
            await session.ReplyAsync(503, "RNFR required first.").ConfigureAwait(false);
            return;
        }

        session.RenameFrom = null;
        session.Files.Rename(source, session.Resolve(argument), replaceExisting: true);
        await session.ReplyAsync(250, "Rename successful.").ConfigureAwait(false);
    }

    private static ValueTask StartUpload(FtpSession session, string argument, bool append)
    {
        var path = session.Resolve(argument);
        var keep = session.RestartOffset;
        session.RestartOffset = 0;
        if (append)
        {
            keep = ExistingSize(session, path);
        }

        var upload = session.Files.BeginUpload(path, keep);
        session.StartTransfer(token => Transfers.UploadAsync(session, upload, keep, token));
        return ValueTask.CompletedTask;
    }

    private static long ExistingSize(FtpSession session, string path)
    {
        try
        {
            var entry = session.Files.Stat(path);
            return entry.IsDirectory ? 0 : entry.Size;
        }
        catch (FileSystemException ex) when (ex.Error == FileSystemError.NotFound)
        {
            return 0;
        }
    }
}
