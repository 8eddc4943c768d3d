using System.Net;
using Microsoft.Extensions.Logging;

namespace Receiver.Storage;

/// <summary>A completed, committed upload.</summary>
/// <param name="Camera">The account.</param>
/// <param name="Protocol">"sftp", "ftp" or "ftps".</param>
/// <param name="FinalPath">Full path of the file on disk.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Duration">From the start of the upload to its commit.</param>
/// <param name="RemoteEndPoint">The camera's address.</param>
public sealed record UploadCompleted(string Camera, string Protocol, string FinalPath, long Size, TimeSpan Duration, EndPoint? RemoteEndPoint);

/// <summary>Something that wants to hear about each completed upload (later: MQTT, webhooks).</summary>
public interface IUploadSubscriber
{
    void OnUploadCompleted(UploadCompleted upload);
}

/// <summary>Writes one structured log line per completed upload and passes it to every subscriber; a failing subscriber is logged, never fatal.</summary>
public sealed class UploadNotifier
{
    private readonly IReadOnlyList<IUploadSubscriber> _subscribers;
    private readonly ILogger<UploadNotifier> _logger;

    public UploadNotifier(IEnumerable<IUploadSubscriber> subscribers, ILogger<UploadNotifier> logger)
    {
        _subscribers = [.. subscribers];
        _logger = logger;
    }

    public void Publish(UploadCompleted upload)
    {
        _logger.LogInformation(
            "Upload completed: {Camera} {Protocol} {FinalPath} {Size} bytes in {DurationMs} ms from {RemoteEndPoint}",
            upload.Camera, upload.Protocol, upload.FinalPath, upload.Size, (long)upload.Duration.TotalMilliseconds, upload.RemoteEndPoint);
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber.OnUploadCompleted(upload);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Upload subscriber {Subscriber} failed", subscriber.GetType().Name);
            }
        }
    }
}
