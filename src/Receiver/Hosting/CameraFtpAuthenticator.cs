using System.Net;
using Receiver.Accounts;
using Receiver.Ftp;
using Receiver.Storage;

namespace Receiver.Hosting;

/// <summary>The FTP server's view of the camera accounts: the shared authenticator (and lockout) plus the jailed storage.</summary>
public sealed class CameraFtpAuthenticator(CameraAuthenticator authenticator, CameraStorage storage) : IFtpAuthenticator
{
    public bool RequiresTls(string user) => authenticator.RequiresTls(user);

    public ValueTask<FtpLoginResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken)
    {
        var protocol = request.IsTls ? "ftps" : "ftp";
        var address = request.RemoteEndPoint.Address.IsIPv4MappedToIPv6 ? request.RemoteEndPoint.Address.MapToIPv4() : request.RemoteEndPoint.Address;
        var result = authenticator.CheckPassword(request.User, request.Password, address, protocol);
        if (result is { Succeeded: true, Account: { } account })
        {
            return ValueTask.FromResult(FtpLoginResult.Success(storage.OpenSession(account, protocol, new IPEndPoint(address, request.RemoteEndPoint.Port))));
        }

        var failure = result.Failure switch
        {
            LoginFailure.LockedOut => FtpLoginFailure.LockedOut,
            LoginFailure.TlsRequired => FtpLoginFailure.TlsRequired,
            LoginFailure.Disabled => FtpLoginFailure.Disabled,
            LoginFailure.ProtocolNotAllowed => FtpLoginFailure.NotAllowed,
            _ => FtpLoginFailure.InvalidCredentials,
        };
        return ValueTask.FromResult(FtpLoginResult.Fail(failure, result.Describe()));
    }
}
