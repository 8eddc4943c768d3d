using Receiver.Abstractions;

namespace Receiver.Ftp.Commands;

/// <summary>Maps <see cref="FileSystemError"/> to FTP reply codes; the messages of the expected errors are safe to show, an unexpected failure gets a fixed text.</summary>
internal static class FileSystemReplies
{
    public static (int Code, string Text) For(FileSystemException ex, bool duringTransfer) => ex.Error switch
    {
        FileSystemError.NoSpace => duringTransfer ? (552, "Exceeded storage allocation: " + ex.Message) : (452, "Insufficient storage space: " + ex.Message),
        FileSystemError.QuotaExceeded => (552, "Exceeded storage allocation: " + ex.Message),
        FileSystemError.InvalidPath => (553, "File name not allowed: " + ex.Message),
        FileSystemError.NotFound => (550, "No such file or directory: " + ex.Message),
        FileSystemError.PermissionDenied => (550, "Permission denied: " + ex.Message),
        FileSystemError.AlreadyExists => (550, "Already exists: " + ex.Message),
        FileSystemError.DirectoryNotEmpty => (550, "Directory not empty: " + ex.Message),
        FileSystemError.NotADirectory => (550, "Not a directory: " + ex.Message),
        FileSystemError.IsADirectory => (550, "Is a directory: " + ex.Message),
        // Anything else is an unexpected storage failure: a fixed text, whatever the exception carries.
        _ => (451, "Requested action aborted: local error in processing."),
    };
}
