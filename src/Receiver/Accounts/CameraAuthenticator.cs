using System.Net;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Ssh.Keys;

namespace Receiver.Accounts;

/// <summary>
/// The one place that decides whether a camera may log in, for every protocol: account state, protocol,
/// password or key, and the shared lockout. It owns the log line of each login (one Information line per login,
/// one Warning per failure): the protocol servers log theirs at Debug only.
/// </summary>
public sealed partial class CameraAuthenticator
{
    // A hash no password matches (its password is random and thrown away), so verifying against it always costs the full PBKDF2.
    private static readonly Lazy<string> DummyHash = new(() => PasswordHasher.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    private readonly AccountStore _accounts;
    private readonly PasswordHasher _hasher;
    private readonly LoginThrottle _throttle;
    private readonly ILogger<CameraAuthenticator> _logger;

    public CameraAuthenticator(AccountStore accounts, PasswordHasher hasher, LoginThrottle throttle, ILogger<CameraAuthenticator> logger)
    {
        _accounts = accounts;
        _hasher = hasher;
        _throttle = throttle;
        _logger = logger;
    }

    /// <summary>Whether FTP must refuse USER/PASS for this name before AUTH TLS (unknown names answer the same as known ones).</summary>
    public bool RequiresTls(string user) => _accounts.Find(user)?.RequireTls ?? false;

    public LoginResult CheckPassword(string user, string password, IPAddress remote, CameraProtocols protocol)
    {
        var gate = Admit(user, remote, protocol, out var account);
        if (gate is not null)
        {
            if (gate.Failure != LoginFailure.LockedOut)
            {
                // The same PBKDF2 work as a known name: the answer's timing must not tell which names exist.
                _hasher.Verify(password, DummyHash.Value);
            }

            return gate;
        }

        if (!_hasher.Verify(password, account!.PasswordHash))
        {
            return Failed(user, remote, protocol, LoginFailure.WrongPassword);
        }

        return Succeeded(account, remote, protocol, "password");
    }

    /// <summary>
    /// Publickey login. Without <paramref name="signatureVerified"/> it only answers whether the key would be
    /// accepted (the SSH query step) and counts nothing; with it, a success is a login.
    /// </summary>
    public LoginResult CheckPublicKey(string user, ReadOnlySpan<byte> publicKeyBlob, IPAddress remote, bool signatureVerified)
    {
        var gate = Admit(user, remote, CameraProtocols.Sftp, out var account);
        if (gate is not null)
        {
            return gate;
        }

        if (!IsAuthorized(account!, publicKeyBlob))
        {
            return signatureVerified ? Failed(user, remote, CameraProtocols.Sftp, LoginFailure.KeyNotAuthorized) : LoginResult.Fail(LoginFailure.KeyNotAuthorized);
        }

        return signatureVerified ? Succeeded(account!, remote, CameraProtocols.Sftp, "publickey") : LoginResult.Success(account!);
    }

    /// <summary>Counts a failed attempt the protocol decided on its own (e.g. an SSH signature that did not verify).</summary>
    public LoginResult RecordFailure(string user, IPAddress remote, CameraProtocols protocol, LoginFailure failure) => Failed(user, remote, protocol, failure);

    private LoginResult? Admit(string user, IPAddress remote, CameraProtocols protocol, out CameraAccount? account)
    {
        account = null;
        if (_throttle.IsLockedOut(remote, user))
        {
            LogLockedOut(_logger, protocol.Name(), LogText.Escape(user), remote);
            return LoginResult.Fail(LoginFailure.LockedOut);
        }

        account = _accounts.Find(user);
        if (account is null)
        {
            return Failed(user, remote, protocol, LoginFailure.UnknownUser);
        }

        if (!account.Enabled)
        {
            return Failed(user, remote, protocol, LoginFailure.Disabled);
        }

        if ((account.Protocols & protocol) == 0)
        {
            return Failed(user, remote, protocol, LoginFailure.ProtocolNotAllowed);
        }

        if (protocol == CameraProtocols.Ftp && account.RequireTls)
        {
            return Failed(user, remote, protocol, LoginFailure.TlsRequired);
        }

        return null;
    }

    private static bool IsAuthorized(CameraAccount account, ReadOnlySpan<byte> blob)
    {
        foreach (var line in account.AuthorizedKeys)
        {
            try
            {
                if (SshPublicKey.ParseAuthorizedKey(line).Blob.AsSpan().SequenceEqual(blob))
                {
                    return true;
                }
            }
            catch (FormatException)
            {
                // A damaged line authorizes nothing; the others still count.
            }
        }

        return false;
    }

    private LoginResult Failed(string user, IPAddress remote, CameraProtocols protocol, LoginFailure failure)
    {
        var delay = _throttle.RecordFailure(remote, user);
        var result = LoginResult.Fail(failure) with { FailureDelay = delay };
        LogFailed(_logger, protocol.Name(), LogText.Escape(user), remote, result.Describe());
        return result;
    }

    private LoginResult Succeeded(CameraAccount account, IPAddress remote, CameraProtocols protocol, string method)
    {
        _throttle.RecordSuccess(remote, account.Name);
        LogSucceeded(_logger, protocol.Name(), account.Name, remote, method);
        return LoginResult.Success(account);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Protocol} login for {Camera} from {RemoteAddress}: locked out")]
    private static partial void LogLockedOut(ILogger logger, string protocol, string camera, IPAddress remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed {Protocol} login for {Camera} from {RemoteAddress}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string protocol, string camera, IPAddress remoteAddress, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Protocol} login for {Camera} from {RemoteAddress} by {Method}")]
    private static partial void LogSucceeded(ILogger logger, string protocol, string camera, IPAddress remoteAddress, string method);
}
