using Microsoft.Extensions.DependencyInjection;
using Receiver.Abstractions;
using Receiver.Storage;

namespace Receiver.Provisioning.Tests.Support;

/// <summary>
/// Stand-in only: the SFTP subsystem in main does not publish UploadCompleted yet, so the storage's own upload
/// notification is turned into that session event for sFTP uploads (FTP publishes its own).
/// </summary>
internal sealed class SftpUploadEvents(IServiceProvider services) : IUploadSubscriber
{
    public void OnUploadCompleted(UploadCompleted upload)
    {
        if (upload.Protocol == "sftp")
        {
            services.GetRequiredService<ISessionEventSink>().Publish(new SessionEvent(
                "sftp", "stand-in", upload.RemoteEndPoint, SessionEventKind.UploadCompleted, upload.Camera, $"{Path.GetFileName(upload.FinalPath)} ({upload.Size} bytes)"));
        }
    }
}
