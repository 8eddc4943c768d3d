using System.Collections.Concurrent;

namespace Receiver.Ftp.Tests.Support;

/// <summary>Accounts for tests: user "cam1"/"secret1" over anything, "tlscam"/"secret2" over TLS only; a third wrong password locks the address out.</summary>
internal sealed class TestAuthenticator(Func<string, TempFileSystem> fileSystemFor) : IFtpAuthenticator
{
    private readonly ConcurrentDictionary<string, int> _failures = new();

    public bool RequiresTls(string user) => user == "tlscam";

    public ValueTask<FtpLoginResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken)
    {
        var key = request.RemoteEndPoint.Address.ToString();
        if (_failures.GetValueOrDefault(key) >= 3)
        {
            return ValueTask.FromResult(FtpLoginResult.Fail(FtpLoginFailure.LockedOut, "locked out"));
        }

        var expected = request.User switch
        {
            "cam1" => "secret1",
            "tlscam" => "secret2",
            _ => null,
        };
        if (expected is null || expected != request.Password)
        {
            _failures.AddOrUpdate(key, 1, (_, count) => count + 1);
            return ValueTask.FromResult(FtpLoginResult.Fail(FtpLoginFailure.InvalidCredentials, "wrong user or password"));
        }

        if (request.User == "tlscam" && !request.IsTls)
        {
            return ValueTask.FromResult(FtpLoginResult.Fail(FtpLoginFailure.TlsRequired, "TLS required"));
        }

        return ValueTask.FromResult(FtpLoginResult.Success(fileSystemFor(request.User)));
    }
}
