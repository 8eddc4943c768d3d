using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ssh.Keys;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh;

/// <summary>The "ssh-userauth" service (RFC 4252): password and publickey, attempts counted per connection.</summary>
internal sealed partial class SshConnection
{
    private static readonly string[] Methods = ["publickey", "password"];
    private bool _userAuthServiceStarted;
    private int _failedAttempts;
    private string? _user;
    private ISessionFileSystem? _fileSystem;
    private string _authMethod = "";

    /// <summary>At least one login attempt failed (the server's per-source penalty reads it at the end).</summary>
    public bool HasFailedLogin => _failedAttempts > 0;

    private async ValueTask HandleServiceRequestAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        var request = ServiceRequestMessage.Parse(payload.Span);
        if (request.ServiceName != "ssh-userauth" || _userAuthServiceStarted)
        {
            throw new SshProtocolException($"Service '{request.ServiceName}' is not available.") { Reason = DisconnectReason.ServiceNotAvailable };
        }

        _userAuthServiceStarted = true;
        using var w = new SshWriter(32);
        request.WriteAcceptTo(w);
        await SendFromReaderAsync(w, token);
    }

    private async ValueTask HandleUserAuthRequestAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        if (!_userAuthServiceStarted)
        {
            throw new SshProtocolException("Authentication request before the ssh-userauth service was requested.");
        }

        if (IsAuthenticated)
        {
            return; // RFC 4252 §5.1: requests after success are ignored.
        }

        var request = UserAuthRequestMessage.Parse(payload.Span);
        if (request.Service != "ssh-connection")
        {
            throw new SshProtocolException($"Service '{request.Service}' is not available.") { Reason = DisconnectReason.ServiceNotAvailable };
        }

        _user = request.User;
        var auth = new SshAuthRequest(request.User, RemoteEndPoint, SessionId);
        switch (request.Method)
        {
            case "password" when request.ChangePassword:
                await FailAsync(request, "password change requested", token);
                return;
            case "password":
                var result = SafeCheck(() => _settings.Authenticator.CheckPassword(auth, request.Password ?? ""));
                await CompleteAsync(request, result, "password", token);
                return;
            case "publickey":
                await HandlePublicKeyAsync(request, auth, token);
                return;
            default:
                // "none" and unsupported methods only learn which methods exist; they do not count as attempts.
                await SendFailureAsync(token);
                return;
        }
    }

    private async ValueTask HandlePublicKeyAsync(UserAuthRequestMessage request, SshAuthRequest auth, CancellationToken token)
    {
        var algorithm = request.PublicKeyAlgorithm!;
        SshPublicKey key;
        try
        {
            key = SshPublicKey.FromBlob(request.PublicKeyBlob!);
        }
        catch (FormatException ex)
        {
            await FailAsync(request, $"unusable public key: {ex.Message}", token);
            return;
        }

        var allowed = _settings.Algorithms.UserSignatures.Contains(algorithm)
            || (algorithm == "ssh-rsa" && SafeAllowsSha1(auth));
        if (!allowed || SignatureVerifier.KeyTypeFor(algorithm) != key.KeyType)
        {
            await FailAsync(request, $"signature algorithm {algorithm} not allowed for {key.KeyType} keys", token);
            return;
        }

        if (request.Signature is null)
        {
            var query = SafeCheck(() => _settings.Authenticator.CheckPublicKey(auth, key, algorithm, signatureVerified: false));
            if (!query.Succeeded)
            {
                await FailAsync(request, query.FailureReason ?? "key not accepted", token);
                return;
            }

            using var ok = new SshWriter(key.Blob.Length + 64);
            new UserAuthPkOkMessage(algorithm, key.Blob).WriteTo(ok);
            await SendFromReaderAsync(ok, token);
            return;
        }

        if (!SignatureVerifier.Verify(key, algorithm, request.Signature, request.SignedData(_sessionIdentifier!)))
        {
            await FailAsync(request, $"invalid {algorithm} signature", token);
            return;
        }

        var result = SafeCheck(() => _settings.Authenticator.CheckPublicKey(auth, key, algorithm, signatureVerified: true));
        await CompleteAsync(request, result, $"publickey {algorithm}", token);
    }

    private async ValueTask CompleteAsync(UserAuthRequestMessage request, SshAuthResult result, string method, CancellationToken token)
    {
        if (!result.Succeeded || result.FileSystem is null)
        {
            if (result.FailureDelay > TimeSpan.Zero)
            {
                await Task.Delay(result.FailureDelay, _settings.TimeProvider, token);
            }

            await FailAsync(request, result.FailureReason ?? "refused", token);
            return;
        }

        IsAuthenticated = true;
        _fileSystem = result.FileSystem;
        _authMethod = method;
        _logger.LogInformation("SSH login of {User} succeeded with {Method}", request.User, method);
        Publish(SessionEventKind.LoginSucceeded, request.User, method);
        using var w = new SshWriter(8);
        w.Byte(MessageNumber.UserAuthSuccess);
        await SendFromReaderAsync(w, token);
    }

    private async ValueTask FailAsync(UserAuthRequestMessage request, string reason, CancellationToken token)
    {
        _failedAttempts++;
        _logger.LogWarning("SSH login of {User} failed ({Method}): {Reason}", request.User, request.Method, reason);
        Publish(SessionEventKind.LoginFailed, request.User, $"{request.Method}: {reason}");
        if (_failedAttempts >= _settings.MaxAuthAttempts)
        {
            _closeReason = "too many authentication failures";
            throw new SshProtocolException("Too many authentication failures.") { Reason = DisconnectReason.NoMoreAuthMethodsAvailable };
        }

        await SendFailureAsync(token);
    }

    private async ValueTask SendFailureAsync(CancellationToken token)
    {
        using var w = new SshWriter(64);
        new UserAuthFailureMessage(Methods, PartialSuccess: false).WriteTo(w);
        await SendFromReaderAsync(w, token);
    }

    private SshAuthResult SafeCheck(Func<SshAuthResult> check)
    {
        try
        {
            return check();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "The authenticator failed");
            return SshAuthResult.Failure("authenticator error");
        }
    }

    private bool SafeAllowsSha1(SshAuthRequest request)
    {
        try
        {
            return _settings.Profile == SshProfile.Legacy || _settings.Authenticator.AllowsSha1RsaSignatures(request);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "The authenticator failed");
            return false;
        }
    }
}
