using System.Net;
using Receiver.Abstractions;

namespace Receiver.Ftp;

/// <summary>Checks FTP logins; implemented by the host (accounts, lockout, storage).</summary>
public interface IFtpAuthenticator
{
    /// <summary>True when the account may only log in over a TLS control channel; USER then gets 530 before AUTH TLS.</summary>
    bool RequiresTls(string user);

    /// <summary>Checks a USER/PASS pair; on success hands back the session's jailed file system.</summary>
    ValueTask<FtpLoginResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken);
}

/// <param name="User">The name from USER.</param>
/// <param name="Password">The password from PASS; never log it.</param>
/// <param name="RemoteEndPoint">The control connection's peer.</param>
/// <param name="IsTls">Whether the control channel is protected by TLS.</param>
public sealed record FtpLoginRequest(string User, string Password, IPEndPoint RemoteEndPoint, bool IsTls)
{
    public override string ToString() => $"FtpLoginRequest {{ User = {User}, RemoteEndPoint = {RemoteEndPoint}, IsTls = {IsTls} }}";
}

/// <summary>Why a login was refused.</summary>
public enum FtpLoginFailure
{
    InvalidCredentials,
    LockedOut,
    TlsRequired,
    Disabled,
    NotAllowed,
}

/// <summary>The outcome of a login: a file system on success, a reason otherwise.</summary>
public sealed class FtpLoginResult
{
    private FtpLoginResult(ISessionFileSystem? fileSystem, FtpLoginFailure failure, string message)
    {
        FileSystem = fileSystem;
        Failure = failure;
        Message = message;
    }

    public bool Succeeded => FileSystem is not null;

    public ISessionFileSystem? FileSystem { get; }

    public FtpLoginFailure Failure { get; }

    /// <summary>Text for the log and the session event (never a secret); the client only sees a generic reply.</summary>
    public string Message { get; }

    public static FtpLoginResult Success(ISessionFileSystem fileSystem) => new(fileSystem, default, "ok");

    public static FtpLoginResult Fail(FtpLoginFailure failure, string message) => new(null, failure, message);
}
