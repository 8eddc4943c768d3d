using System.Net;
using Receiver.Abstractions;
using Receiver.Abstractions.Networking;
using Receiver.Accounts;
using Receiver.Ftp;
using Receiver.Storage;

namespace Receiver.Hosting;

/// <summary>The FTP server's view of the camera accounts: the shared authenticator (and lockout) plus the jailed storage.</summary>
public sealed class CameraFtpAuthenticator(CameraAuthenticator authenticator, CameraStorage storage, TimeProvider time) : IFtpAuthenticator
{
    public bool RequiresTls(string user) => authenticator.RequiresTls(user);

    public async ValueTask<FtpLoginResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken)
    {
        var protocol = request.IsTls ? CameraProtocols.Ftps : CameraProtocols.Ftp;
        var address = SourceAddress.Normalize(request.RemoteEndPoint.Address);
        var result = authenticator.CheckPassword(request.User, request.Password, address, protocol);
        if (result is { Succeeded: true, Account: { } account })
        {
            return FtpLoginResult.Success(storage.OpenSession(account, protocol, new IPEndPoint(address, request.RemoteEndPoint.Port)));
        }

        // The account's slow-down against guesses from many addresses; the FTP server adds its fixed delay after.
        if (result.FailureDelay > TimeSpan.Zero)
        {
            await Task.Delay(result.FailureDelay, time, cancellationToken).ConfigureAwait(false);
        }

        var failure = result.Failure switch
        {
            LoginFailure.LockedOut => FtpLoginFailure.LockedOut,
            LoginFailure.TlsRequired => FtpLoginFailure.TlsRequired,
            LoginFailure.Disabled => FtpLoginFailure.Disabled,
            LoginFailure.ProtocolNotAllowed => FtpLoginFailure.NotAllowed,
            _ => FtpLoginFailure.InvalidCredentials,
        };
        return FtpLoginResult.Fail(failure, result.Describe());
    }
}
