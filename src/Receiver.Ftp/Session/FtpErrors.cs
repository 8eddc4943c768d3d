using Microsoft.Extensions.Logging;
using Receiver.Abstractions;

namespace Receiver.Ftp.Session;

/// <summary>
/// The one mapping from a file-system refusal to the FTP reply the client gets, with the log line and the Refused
/// event where the refusal is worth explaining. The messages of the expected errors are safe to show; an unexpected
/// storage failure gets a fixed text and its own message (with server paths) goes to the log only.
/// </summary>
internal static class FtpErrors
{
    public static (int Code, string Text) Refusal(FtpSession session, FileSystemException ex, string path, bool duringTransfer)
    {
        if (ex.Error is FileSystemError.PermissionDenied or FileSystemError.InvalidPath or FileSystemError.NoSpace)
        {
            session.Publish(SessionEventKind.Refused, $"{path}: {ex.Message}");
            session.Logger.LogWarning("Refused {Path}: {Reason}", LogText.Escape(path), LogText.Escape(ex.Message));
        }
        else if (ex.Error == FileSystemError.Failure)
        {
            session.Logger.LogWarning("Storage failure on {Path}: {Reason}", LogText.Escape(path), ex.InnerException?.Message ?? ex.Message);
        }

        return ex.Error switch
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
            _ => (451, "Requested action aborted: local error in processing."),
        };
    }
}
