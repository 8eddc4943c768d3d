using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Accounts;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Storage;

namespace Receiver.Hosting;

/// <summary>First to start: creates the data folders, clears interrupted uploads, loads or creates the keys.</summary>
internal sealed class StartupService(
    DataPaths paths,
    CameraStorage storage,
    HostKeyStore hostKeys,
    TlsCertificateStore certificates,
    AccountStore accounts,
    IOptions<StorageOptions> storageOptions,
    ILogger<StartupService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        paths.EnsureCreated();
        storage.RemoveLeftoverUploads();
        var ed25519 = hostKeys.Ed25519;
        _ = hostKeys.Keys;
        _ = certificates.Certificate;
        logger.LogInformation(
            "Receiver starting: data in {Root} (layout {Layout}), {Cameras} cameras, SSH host key {Fingerprint}",
            paths.Root, storageOptions.Value.ParsedLayout, accounts.List().Count, ed25519.PublicKey.Sha256Fingerprint);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
