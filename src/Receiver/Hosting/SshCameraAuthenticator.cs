using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Ssh;
using Receiver.Ssh.Keys;
using Receiver.Storage;

namespace Receiver.Hosting;

/// <summary>The SSH server's authenticator: camera accounts, their authorized keys and the shared lockout; a login opens the camera's jailed storage.</summary>
public sealed class SshCameraAuthenticator(CameraAuthenticator authenticator, AccountStore accounts, CameraStorage storage) : ISshAuthenticator
{
    public SshAuthResult CheckPassword(SshAuthRequest request, string password)
    {
        var result = authenticator.CheckPassword(request.User, password, request.RemoteEndPoint.Address, CameraProtocols.Sftp);
        return Open(request, result);
    }

    public SshAuthResult CheckPublicKey(SshAuthRequest request, SshPublicKey key, string signatureAlgorithm, SshKeyCheck check)
    {
        var remote = request.RemoteEndPoint.Address;
        switch (check)
        {
            case SshKeyCheck.SignatureVerified:
                return Open(request, authenticator.CheckPublicKey(request.User, key.Blob, remote, signatureVerified: true));
            case SshKeyCheck.SignatureInvalid:
                var failed = authenticator.RecordFailure(request.User, remote, CameraProtocols.Sftp, LoginFailure.InvalidSignature);
                return SshAuthResult.Failure(failed.Describe(), failed.FailureDelay);
            default:
                // The cheap checks (lockout, account, key authorized), before the server spends anything on a signature.
                var result = authenticator.CheckPublicKey(request.User, key.Blob, remote, signatureVerified: false);
                if (check == SshKeyCheck.BeforeSignature && result.Failure == LoginFailure.KeyNotAuthorized)
                {
                    authenticator.RecordFailure(request.User, remote, CameraProtocols.Sftp, LoginFailure.KeyNotAuthorized); // a signed attempt counts
                }

                return result.Succeeded ? SshAuthResult.KeyAcceptable() : SshAuthResult.Failure(result.Describe());
        }
    }

    public bool AllowsSha1RsaSignatures(SshAuthRequest request) => accounts.Find(request.User)?.AllowSshRsaSha1 ?? false;

    private SshAuthResult Open(SshAuthRequest request, LoginResult result) =>
        result.Succeeded && result.Account is { } account
            ? SshAuthResult.Success(storage.OpenSession(account, CameraProtocols.Sftp, request.RemoteEndPoint))
            : SshAuthResult.Failure(result.Describe(), result.FailureDelay);
}
