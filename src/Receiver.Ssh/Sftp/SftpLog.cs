using Microsoft.Extensions.Logging;

namespace Receiver.Ssh.Sftp;

/// <summary>The SFTP subsystem's log lines; the SSH layer adds {SessionId} and {RemoteEndPoint} through its scope.</summary>
internal static partial class SftpLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "SFTP session for {Camera} started; client speaks version {ClientVersion}")]
    public static partial void Started(ILogger logger, string camera, uint clientVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SFTP session for {Camera} ended: {Reason}")]
    public static partial void Ended(ILogger logger, string camera, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SFTP session for {Camera} ended on a protocol violation: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, string camera, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SFTP {Request} of {Path} refused for {Camera}: {Reason}")]
    public static partial void Refused(ILogger logger, string request, string? path, string camera, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SFTP {Request} of {Path} failed for {Camera}: {Reason}")]
    public static partial void Failed(ILogger logger, string request, string? path, string camera, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SFTP {Request} of {Path} failed unexpectedly for {Camera}")]
    public static partial void FailedUnexpectedly(ILogger logger, Exception exception, string request, string? path, string camera);

    // Debug: storage's commit writes the upload's one Information line, beside its event.
    [LoggerMessage(Level = LogLevel.Debug, Message = "SFTP upload of {Path} by {Camera} committed as {FinalPath} ({Size} bytes)")]
    public static partial void UploadCommitted(ILogger logger, string path, string camera, string finalPath, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SFTP upload of {Path} by {Camera} failed to commit: {Reason}")]
    public static partial void UploadNotCommitted(ILogger logger, string path, string camera, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SFTP upload of {Path} by {Camera} aborted: the session ended before CLOSE")]
    public static partial void UploadAborted(ILogger logger, string path, string camera);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SFTP could not set the modification time of {Path} for {Camera}: {Reason}")]
    public static partial void ModifiedTimeNotSet(ILogger logger, string path, string camera, string reason);
}
