using Receiver.Abstractions;

namespace Receiver.Provisioning.Workflow;

/// <summary>The protocol a camera is enrolled for.</summary>
public enum UploadProtocol
{
    Sftp,
    Ftps,
    Ftp,
}

/// <summary>The account the camera logs in with; <see cref="Password"/> is shown to nobody, only sent to the camera.</summary>
public sealed record EnrollmentAccount(string Name, string Password, bool Existed);

/// <summary>The receiver's camera accounts, as enrollment needs them.</summary>
public interface IReceiverAccounts
{
    /// <summary>Creates the account (enabled, for <paramref name="protocol"/>) or, when it exists, rotates its password and enables it; its folder is kept.</summary>
    Task<EnrollmentAccount> CreateOrRotateAsync(string name, UploadProtocol protocol, CancellationToken cancellationToken);

    /// <summary>Adds an OpenSSH public key line to the account's authorized keys (no duplicate).</summary>
    Task AddAuthorizedKeyAsync(string name, string publicKeyLine, CancellationToken cancellationToken);

    /// <summary>Accepts ssh-rsa (SHA-1) user-auth signatures for this account only.</summary>
    Task AllowSshRsaSha1Async(string name, CancellationToken cancellationToken);

    Task DisableAsync(string name, CancellationToken cancellationToken);
}

/// <summary>The receiver's own SSH identity: the ed25519 host key handed to cameras.</summary>
public interface IReceiverIdentity
{
    /// <summary>Base64 of the ed25519 public key blob, as testftp reports host keys.</summary>
    string HostKeyBase64 { get; }

    /// <summary>"SHA256:…" as ssh-keygen -l prints it.</summary>
    string HostKeyFingerprint { get; }
}

/// <summary>What the running service recorded of protocol sessions (the session journal).</summary>
public interface ISessionOutcomes
{
    /// <summary>Records at or after <paramref name="since"/>, oldest first.</summary>
    IReadOnlyList<SessionOutcome> Since(DateTimeOffset since);
}

/// <summary>One recorded session event; <see cref="User"/> is null before the client named one.</summary>
public sealed record SessionOutcome(DateTimeOffset Time, string Protocol, string SessionId, string? RemoteAddress, SessionEventKind Kind, string? User, string Detail);

/// <summary>Whether the receiver service is up for a protocol.</summary>
public interface IReceiverService
{
    Task<ServiceStatus> CheckAsync(UploadProtocol protocol, CancellationToken cancellationToken);
}

/// <param name="Running">The listener answered with its greeting.</param>
/// <param name="Detail">What was checked, and when not running, how to start it.</param>
public sealed record ServiceStatus(bool Running, string Detail);
