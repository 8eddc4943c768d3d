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
    /// Checks whether <paramref name="key"/> may log in as the user. Called once for the client's query
    /// (<paramref name="signatureVerified"/> false: "would this key be accepted?") and again after the server has
    /// verified the client's signature (true): only that second call may return a session.
    /// </summary>
    SshAuthResult CheckPublicKey(SshAuthRequest request, SshPublicKey key, string signatureAlgorithm, bool signatureVerified);

    /// <summary>Whether this user may sign with "ssh-rsa" (RSA with SHA-1), which old libssh2 versions use.</summary>
    bool AllowsSha1RsaSignatures(SshAuthRequest request);
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
