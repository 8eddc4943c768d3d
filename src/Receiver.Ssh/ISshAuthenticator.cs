using System.Net;
using Receiver.Abstractions;
using Receiver.Ssh.Keys;

namespace Receiver.Ssh;

/// <summary>
/// Decides who may log in; implemented by the host (accounts, authorized keys, lockout). Calls are made
/// from the connection's own task; implementations must be thread-safe across connections and must not throw.
/// </summary>
public interface ISshAuthenticator
{
    /// <summary>Checks a user name and password.</summary>
    SshAuthResult CheckPassword(SshAuthRequest request, string password);

    /// <summary>
    /// One step of a publickey login (see <see cref="SshKeyCheck"/>). The server asks <see cref="SshKeyCheck.Query"/>
    /// or <see cref="SshKeyCheck.BeforeSignature"/> first, and verifies a signature only when that succeeded: the
    /// cheap refusals (account, key authorized for it, source locked out) come before any signature work.
    /// </summary>
    SshAuthResult CheckPublicKey(SshAuthRequest request, SshPublicKey key, string signatureAlgorithm, SshKeyCheck check);

    /// <summary>Whether this user may sign with "ssh-rsa" (RSA with SHA-1), which old libssh2 versions use.</summary>
    bool AllowsSha1RsaSignatures(SshAuthRequest request);
}

/// <summary>The step of a publickey login an <see cref="ISshAuthenticator.CheckPublicKey"/> call is about.</summary>
public enum SshKeyCheck
{
    /// <summary>The client asks whether the key would be accepted (no signature): answer from the account, its keys and the lockout; count nothing.</summary>
    Query,

    /// <summary>A signed request, before its signature is verified: the same cheap checks; a refusal counts as a failed login.</summary>
    BeforeSignature,

    /// <summary>The signature verified: the login. Only this step may return a session.</summary>
    SignatureVerified,

    /// <summary>The signature did not verify: a failed login (count it); never a session.</summary>
    SignatureInvalid,
}

/// <summary>Who is asking to log in.</summary>
/// <param name="User">The user name the client sent.</param>
/// <param name="RemoteEndPoint">The client's address and port.</param>
/// <param name="SessionId">The session's short id (also in its log lines).</param>
public sealed record SshAuthRequest(string User, IPEndPoint RemoteEndPoint, string SessionId);

/// <summary>The answer of an <see cref="ISshAuthenticator"/>.</summary>
public sealed class SshAuthResult
{
    private SshAuthResult(bool succeeded, ISessionFileSystem? fileSystem, string? failureReason, TimeSpan failureDelay = default)
    {
        Succeeded = succeeded;
        FileSystem = fileSystem;
        FailureReason = failureReason;
        FailureDelay = failureDelay;
    }

    public bool Succeeded { get; }

    /// <summary>The file system of the session, for a successful signed/password login.</summary>
    public ISessionFileSystem? FileSystem { get; }

    /// <summary>Why the login failed (for logs and session events; never sent to the client).</summary>
    public string? FailureReason { get; }

    /// <summary>How long the server waits before answering this failure (the host's per-account slow-down).</summary>
    public TimeSpan FailureDelay { get; }

    /// <summary>A successful login with the session's file system.</summary>
    public static SshAuthResult Success(ISessionFileSystem fileSystem) =>
        new(true, fileSystem ?? throw new ArgumentNullException(nameof(fileSystem)), null);

    /// <summary>The answer to a public key query: the key would be accepted (no session yet).</summary>
    public static SshAuthResult KeyAcceptable() => new(true, null, null);

    public static SshAuthResult Failure(string reason, TimeSpan delay = default) => new(false, null, reason, delay);
}
