using Receiver.Abstractions;
using Receiver.Ftp.Data;
using Receiver.Ftp.Listing;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Commands;

/// <summary>PWD, CWD, CDUP, MKD, RMD, LIST, NLST, MLSD, MLST.</summary>
internal static class DirectoryCommands
{
    public static async ValueTask Pwd(FtpSession session, string argument) =>
        await session.ReplyAsync(257, $"{FtpReply.QuotePath(session.CurrentDirectory)} is the current directory.").ConfigureAwait(false);

    public static async ValueTask Cwd(FtpSession session, string argument)
    {
        var path = session.Resolve(argument);
        var entry = session.Files.Stat(path);
        if (!entry.IsDirectory)
        {
            throw new FileSystemException(FileSystemError.NotADirectory, path);
        }

        session.CurrentDirectory = path;
        await session.ReplyAsync(250, $"Directory changed to {path}.").ConfigureAwait(false);
    }

    public static async ValueTask Cdup(FtpSession session, string argument)
    {
        session.CurrentDirectory = VirtualPath.Parent(session.CurrentDirectory);
        await session.ReplyAsync(250, $"Directory changed to {session.CurrentDirectory}.").ConfigureAwait(false);
    }

    public static async ValueTask Mkd(FtpSession session, string argument)
    {
        var path = session.Resolve(argument);
        session.Files.CreateDirectory(path);
        await session.ReplyAsync(257, $"{FtpReply.QuotePath(path)} created.").ConfigureAwait(false);
    }

    public static async ValueTask Rmd(FtpSession session, string argument)
    {
        session.Files.RemoveDirectory(session.Resolve(argument));
        await session.ReplyAsync(250, "Directory removed.").ConfigureAwait(false);
    }

    public static ValueTask List(FtpSession session, string argument)
    {
        var now = session.Server.Time.GetUtcNow();
        var lines = Entries(session, argument).Select(entry => ListingFormatter.ListLine(entry, now)).ToList();
        session.StartTransfer(token => DataChannel.SendLinesAsync(session, lines, "file list", token));
        return ValueTask.CompletedTask;
    }

    public static ValueTask Nlst(FtpSession session, string argument)
    {
        var lines = Entries(session, argument).Select(entry => entry.Name).ToList();
        session.StartTransfer(token => DataChannel.SendLinesAsync(session, lines, "file list", token));
        return ValueTask.CompletedTask;
    }

    public static ValueTask Mlsd(FtpSession session, string argument)
    {
        var path = session.Resolve(argument);
        if (!session.Files.Stat(path).IsDirectory)
        {
            throw new FileSystemException(FileSystemError.NotADirectory, path);
        }

        var lines = session.Files.ListDirectory(path).Select(entry => ListingFormatter.Facts(entry)).ToList();
        session.StartTransfer(token => DataChannel.SendLinesAsync(session, lines, "MLSD", token));
        return ValueTask.CompletedTask;
    }

    public static async ValueTask Mlst(FtpSession session, string argument)
    {
        var path = session.Resolve(argument);
        var entry = session.Files.Stat(path) with { Name = path };
        var facts = ListingFormatter.Facts(entry, path == VirtualPath.Root ? "cdir" : null);
        await session.ReplyAsync(FtpReply.Multi(250, "Listing " + path, [facts], "End")).ConfigureAwait(false);
    }

    // LIST/NLST take "ls" options ("-la") before an optional path; a file path lists that file alone.
    private static IReadOnlyList<FileEntry> Entries(FtpSession session, string argument)
    {
        var words = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var target = string.Join(' ', words.SkipWhile(word => word.StartsWith('-')));
        var path = session.Resolve(target);
        var entry = session.Files.Stat(path);
        return entry.IsDirectory ? session.Files.ListDirectory(path) : [entry with { Name = VirtualPath.Name(path) }];
    }
}
