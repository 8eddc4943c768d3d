namespace Receiver.Abstractions;

/// <summary>Why a file-system operation failed, in terms both protocols can map to their replies.</summary>
public enum FileSystemError
{
    Failure,
    NotFound,
    PermissionDenied,
    AlreadyExists,
    DirectoryNotEmpty,
    NotADirectory,
    IsADirectory,
    InvalidPath,
    NoSpace,

    /// <summary>The account's storage quota is used up by today's uploads (FTP 552, SFTP FAILURE "quota exceeded").</summary>
    QuotaExceeded,
}

/// <summary>A refused or failed file-system operation; the message is safe to show to the client.</summary>
public sealed class FileSystemException(FileSystemError error, string message, Exception? inner = null)
    : IOException(message, inner)
{
    public FileSystemError Error { get; } = error;
}
