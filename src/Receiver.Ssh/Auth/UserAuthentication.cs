using System.Net;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ssh.Keys;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Auth;

/// <summary>
/// The "ssh-userauth" service (RFC 4252) of one connection: password and publickey, attempts counted per connection.
/// Cheap refusals come first (the key's bounds, the signature algorithm, the account, the key's authorization, the
/// lockout); a signature is verified only after them. A failed password or signature is answered after a fixed delay.
/// </summary>
internal sealed class UserAuthentication(
    ConnectionSettings settings, ILogger logger, IPEndPoint remoteEndPoint, string sessionId, Func<byte[]> sessionIdentifier,
    Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> reply, Action<SessionEventKind, string?, string> publish)
{
    private static readonly string[] Methods = ["publickey", "password"];
    private bool _serviceStarted;
    private int _failedAttempts;

    /// <summary>At least one login attempt failed (the server's per-source penalty reads it at the end).</summary>
    public bool HasFailedLogin => _failedAttempts > 0;

    public bool IsAuthenticated { get; private set; }

    /// <summary>The user name of the last request (for the session's events), as the client sent it.</summary>
    public string? User { get; private set; }

    public ISessionFileSystem? FileSystem { get; private set; }

    /// <summary>How the user logged in, e.g. "publickey ssh-ed25519" or "password".</summary>
    public string Method { get; private set; } = "";

    public async ValueTask HandleServiceRequestAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        var request = ServiceRequestMessage.Parse(payload.Span);
        if (request.ServiceName != "ssh-userauth" || _serviceStarted)
        {
            throw new SshProtocolException($"Service '{LogText.Escape(request.ServiceName)}' is not available.") { Reason = DisconnectReason.ServiceNotAvailable };
        }

        _serviceStarted = true;
        using var w = new SshWriter(32);
        request.WriteAcceptTo(w);
        await reply(w.WrittenMemory, token).ConfigureAwait(false);
    }

    public async ValueTask HandleRequestAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        if (!_serviceStarted)
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
            throw new SshProtocolException($"Service '{LogText.Escape(request.Service)}' is not available.") { Reason = DisconnectReason.ServiceNotAvailable };
        }

        User = request.User;
        var auth = new SshAuthRequest(request.User, remoteEndPoint, sessionId);
        switch (request.Method)
        {
            case "password" when request.ChangePassword:
                await FailAsync(request, "password change requested", token).ConfigureAwait(false);
                return;
            case "password":
                var result = SafeCheck(() => settings.Authenticator.CheckPassword(auth, request.Password ?? ""));
                await CompleteAsync(request, result, "password", token).ConfigureAwait(false);
                return;
            case "publickey":
                await HandlePublicKeyAsync(request, auth, token).ConfigureAwait(false);
                return;
            default:
                // "none" and unsupported methods only learn which methods exist; they do not count as attempts.
                await SendFailureAsync(token).ConfigureAwait(false);
                return;
        }
    }

    private async ValueTask HandlePublicKeyAsync(UserAuthRequestMessage request, SshAuthRequest auth, CancellationToken token)
    {
        var algorithm = request.PublicKeyAlgorithm!;
        SshPublicKey key;
        try
        {
            key = SshPublicKey.FromBlob(request.PublicKeyBlob!); // the key's type, size and exponent bounds
        }
        catch (FormatException ex)
        {
            await FailAsync(request, $"unusable public key: {ex.Message}", token).ConfigureAwait(false);
            return;
        }

        var allowed = settings.Algorithms.UserSignatures.Contains(algorithm)
            || (algorithm == "ssh-rsa" && SafeAllowsSha1(auth));
        if (!allowed || SignatureVerifier.KeyTypeFor(algorithm) != key.KeyType)
        {
            await FailAsync(request, $"signature algorithm {LogText.Escape(algorithm)} not allowed for {key.KeyType} keys", token).ConfigureAwait(false);
            return;
        }

        var signed = request.Signature is not null;
        var gate = SafeCheck(() => settings.Authenticator.CheckPublicKey(auth, key, algorithm, signed ? SshKeyCheck.BeforeSignature : SshKeyCheck.Query));
        if (!gate.Succeeded)
        {
            await FailAsync(request, gate.FailureReason ?? "key not accepted", token).ConfigureAwait(false);
            return;
        }

        if (!signed)
        {
            using var ok = new SshWriter(key.Blob.Length + 64);
            new UserAuthPkOkMessage(algorithm, key.Blob).WriteTo(ok);
            await reply(ok.WrittenMemory, token).ConfigureAwait(false);
            return;
        }

        settings.CountSignatureCheck();
        if (!SignatureVerifier.Verify(key, algorithm, request.Signature, request.SignedData(sessionIdentifier())))
        {
            var refused = SafeCheck(() => settings.Authenticator.CheckPublicKey(auth, key, algorithm, SshKeyCheck.SignatureInvalid));
            await FailAsync(request, $"invalid {algorithm} signature", token, delayAnswer: true, refused.FailureDelay).ConfigureAwait(false);
            return;
        }

        var result = SafeCheck(() => settings.Authenticator.CheckPublicKey(auth, key, algorithm, SshKeyCheck.SignatureVerified));
        await CompleteAsync(request, result, $"publickey {algorithm}", token).ConfigureAwait(false);
    }

    private async ValueTask CompleteAsync(UserAuthRequestMessage request, SshAuthResult result, string method, CancellationToken token)
    {
        if (!result.Succeeded || result.FileSystem is null)
        {
            await FailAsync(request, result.FailureReason ?? "refused", token, delayAnswer: true, result.FailureDelay).ConfigureAwait(false);
            return;
        }

        IsAuthenticated = true;
        FileSystem = result.FileSystem;
        Method = method;
        SshLog.LoginSucceeded(logger, LogText.Escape(request.User), method);
        publish(SessionEventKind.LoginSucceeded, request.User, method);
        using var w = new SshWriter(8);
        w.Byte(MessageNumber.UserAuthSuccess);
        await reply(w.WrittenMemory, token).ConfigureAwait(false);
    }

    /// <summary>
    /// A refused attempt: counted, logged, published, then answered. <paramref name="delayAnswer"/> for a failed
    /// password or signature: the answer waits the fixed delay (cheap refusals are answered at once), plus the
    /// authenticator's <paramref name="accountSlowdown"/> (grows with the account's recent failures from all sources).
    /// </summary>
    private async ValueTask FailAsync(UserAuthRequestMessage request, string reason, CancellationToken token, bool delayAnswer = false, TimeSpan accountSlowdown = default)
    {
        _failedAttempts++;
        SshLog.LoginFailed(logger, LogText.Escape(request.User), LogText.Escape(request.Method), reason);
        publish(SessionEventKind.LoginFailed, request.User, $"{request.Method}: {reason}");
        var delay = (delayAnswer ? settings.FailedAuthDelay : TimeSpan.Zero) + accountSlowdown;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, settings.TimeProvider, token).ConfigureAwait(false);
        }

        if (_failedAttempts >= settings.MaxAuthAttempts)
        {
            throw new SshProtocolException("Too many authentication failures.") { Reason = DisconnectReason.NoMoreAuthMethodsAvailable };
        }

        await SendFailureAsync(token).ConfigureAwait(false);
    }

    private async ValueTask SendFailureAsync(CancellationToken token)
    {
        using var w = new SshWriter(64);
        new UserAuthFailureMessage(Methods, PartialSuccess: false).WriteTo(w);
        await reply(w.WrittenMemory, token).ConfigureAwait(false);
    }

    private SshAuthResult SafeCheck(Func<SshAuthResult> check)
    {
        try
        {
            return check();
        }
        catch (Exception ex)
        {
            SshLog.AuthenticatorFailed(logger, ex);
            return SshAuthResult.Failure("authenticator error");
        }
    }

    private bool SafeAllowsSha1(SshAuthRequest request)
    {
        try
        {
            return settings.Profile == SshProfile.Legacy || settings.Authenticator.AllowsSha1RsaSignatures(request);
        }
        catch (Exception ex)
        {
            SshLog.AuthenticatorFailed(logger, ex);
            return false;
        }
    }
}
