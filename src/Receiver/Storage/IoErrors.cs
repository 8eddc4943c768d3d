using Receiver.Abstractions;

namespace Receiver.Storage;

/// <summary>Turns the operating system's I/O errors into the protocol-neutral <see cref="FileSystemException"/>.</summary>
internal static class IoErrors
{
    private const int Enospc = 28;
    private const int Edquot = 122;

    public static bool IsDiskFull(IOException ex) =>
        ex.HResult is Enospc or Edquot
        || (ex.HResult & 0xFFFF) is Enospc or Edquot
        || ex.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("quota", StringComparison.OrdinalIgnoreCase);

    public static FileSystemException Translate(Exception ex, string what) => ex switch
    {
        FileSystemException fs => fs,
        FileNotFoundException or DirectoryNotFoundException => new FileSystemException(FileSystemError.NotFound, $"{what}: no such file or folder.", ex),
        UnauthorizedAccessException => new FileSystemException(FileSystemError.PermissionDenied, $"{what}: permission denied.", ex),
        PathTooLongException => new FileSystemException(FileSystemError.InvalidPath, $"{what}: path too long.", ex),
        IOException io when IsDiskFull(io) => new FileSystemException(FileSystemError.NoSpace, $"{what}: the receiver's disk is full.", ex),
        // The system's own text names server paths: it stays in the inner exception (for the log), never reaches a client.
        _ => new FileSystemException(FileSystemError.Failure, $"{what}: the receiver's storage failed.", ex),
    };
}
