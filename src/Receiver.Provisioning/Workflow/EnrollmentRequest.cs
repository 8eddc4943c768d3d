using Receiver.Provisioning.Camera;

namespace Receiver.Provisioning.Workflow;

/// <summary>What to enroll and how; built by the CLI from options and configuration.</summary>
public sealed record EnrollmentRequest
{
    /// <summary>Account and user name for the camera (also its folder name).</summary>
    public required string CameraName { get; init; }

    public UploadProtocol Protocol { get; init; } = UploadProtocol.Sftp;

    /// <summary>The receiver's address as the camera reaches it (Docker/NAT: the host's address).</summary>
    public required string ReceiverAddress { get; init; }

    public required int ReceiverPort { get; init; }

    /// <summary>ft_dirname. The receiver files uploads by day itself, so one directory is enough.</summary>
    public string DirectoryName { get; init; } = "./";

    public IReadOnlyList<FtpUploadType> EnableUploads { get; init; } = [];

    public int? SnapshotCount { get; init; }

    public bool DryRun { get; init; }

    public bool KeepOnFailure { get; init; }

    /// <summary>
    /// Allow ssh-rsa (SHA-1) signatures for this account when the camera's key was refused only for that (libssh2
    /// before 1.11, which cameras run, signs RSA user-auth with SHA-1). On by default: the account accepts the
    /// camera's password anyway, and a SHA-1 RSA signature is still stronger than a password.
    /// </summary>
    public bool AllowSshRsaSha1 { get; init; } = true;

    /// <summary>Set ft_insecure=0 for FTPS too: only when the receiver's certificate is one the camera can verify (CA-signed).</summary>
    public bool VerifyFtpsCertificate { get; init; }

    /// <summary>How long to wait for the service's journal to show the camera's test upload.</summary>
    public TimeSpan ArrivalTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After a failed test, how long to let the service's journal catch up before diagnosing.</summary>
    public TimeSpan FailureGrace { get; init; } = TimeSpan.FromSeconds(2);
}
