namespace Receiver.Provisioning.Camera;

/// <summary>The camera operations the enrollment workflow uses (a seam for tests of the workflow's decisions).</summary>
public interface IInstarCamera
{
    Cgi.CameraAddress Address { get; }

    Task<CameraUploadTarget> GetFtpSettingsAsync(CancellationToken cancellationToken = default);

    Task SetFtpSettingsAsync(CameraUploadTarget settings, string? password, CancellationToken cancellationToken = default);

    Task<FtpTestResult> TestFtpAsync(CancellationToken cancellationToken = default);

    Task SetHostKeyAsync(string hostKeyBase64, CancellationToken cancellationToken = default);

    Task<string> GetPublicKeyAsync(CancellationToken cancellationToken = default);

    Task<FtpActionSettings> GetFtpActionAsync(FtpUploadType type, CancellationToken cancellationToken = default);

    Task SetFtpActionAsync(FtpUploadType type, FtpActionSettings settings, CancellationToken cancellationToken = default);

    Task<int> GetSnapshotCountAsync(CancellationToken cancellationToken = default);

    Task SetSnapshotCountAsync(int snapshotCount, CancellationToken cancellationToken = default);
}
