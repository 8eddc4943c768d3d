using System.Net;
using Receiver.Abstractions;

namespace Receiver.Events;

/// <summary>A completed, committed upload, as storage reports it after the rename is on disk.</summary>
/// <param name="Camera">The account.</param>
/// <param name="Protocol">The protocol it came over.</param>
/// <param name="FinalPath">Full path of the file on disk.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Duration">From the start of the upload to its commit.</param>
/// <param name="RemoteEndPoint">The camera's address.</param>
public sealed record UploadCompleted(string Camera, CameraProtocols Protocol, string FinalPath, long Size, TimeSpan Duration, EndPoint? RemoteEndPoint)
{
    /// <summary>Hex SHA-256 when the bytes arrived in order (hashed as written); else null.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The event recorded in the outbox for this upload (id, type, relative path); null without events.</summary>
    public UploadEvent? Event { get; init; }
}

/// <summary>
/// Something in this process that wants each completed upload as it happens (the live web page, the metrics). It is
/// told after the event is durable in the outbox; MQTT, webhooks and ntfy read the outbox instead, so they survive restarts.
/// </summary>
public interface IUploadSubscriber
{
    void OnUploadCompleted(UploadCompleted upload);
}
