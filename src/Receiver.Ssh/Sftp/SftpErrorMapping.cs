using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>A status reply decided for a failed request: the code the client acts on and the message it prints.</summary>
internal readonly record struct SftpError(SftpStatusCode Code, string Message, bool Unexpected);

/// <summary>
/// The one place that turns exceptions from the file system into SSH_FX status codes. v3 has few codes, so
/// everything without a dedicated one becomes SSH_FX_FAILURE and the message says what went wrong.
/// </summary>
internal static class SftpErrorMapping
{
    public static SftpError Map(Exception exception) => exception switch
    {
        FileSystemException fs => new SftpError(Map(fs.Error), fs.Message, Unexpected: false),
        UnauthorizedAccessException => new SftpError(SftpStatusCode.PermissionDenied, "permission denied", Unexpected: true),
        FileNotFoundException or DirectoryNotFoundException => new SftpError(SftpStatusCode.NoSuchFile, "no such file or directory", Unexpected: true),
        IOException => new SftpError(SftpStatusCode.Failure, "input/output error", Unexpected: true),
        _ => new SftpError(SftpStatusCode.Failure, "internal server error", Unexpected: true),
    };

    public static SftpStatusCode Map(FileSystemError error) => error switch
    {
        // OpenSSH's sftp-server maps ENOENT and ENOTDIR alike: some part of the path is not there as a folder.
        FileSystemError.NotFound => SftpStatusCode.NoSuchFile,
        FileSystemError.NotADirectory => SftpStatusCode.NoSuchFile,
        FileSystemError.PermissionDenied => SftpStatusCode.PermissionDenied,

        // A path the jail will not take (control characters, over-long names, a way out) is a refusal; OpenSSH
        // would say BAD_MESSAGE for EINVAL, which clients report as a protocol fault rather than a refused path.
        FileSystemError.InvalidPath => SftpStatusCode.PermissionDenied,

        // v3 has no codes for these (v5+ has FILE_ALREADY_EXISTS, NO_SPACE_ON_FILESYSTEM, ...); OpenSSH sends FAILURE.
        FileSystemError.AlreadyExists => SftpStatusCode.Failure,
        FileSystemError.DirectoryNotEmpty => SftpStatusCode.Failure,
        FileSystemError.IsADirectory => SftpStatusCode.Failure,
        FileSystemError.NoSpace => SftpStatusCode.Failure,
        FileSystemError.QuotaExceeded => SftpStatusCode.Failure, // the message starts with "quota exceeded"
        _ => SftpStatusCode.Failure,
    };
}
