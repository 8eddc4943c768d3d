using System.Net;

namespace Receiver.Abstractions;

/// <summary>What happened in a protocol session, as the host records it for diagnosis (enrollment, logs).</summary>
public enum SessionEventKind
{
    Connected,
    /// <summary>No common algorithm (SSH) or a failed TLS handshake (FTPS); Detail names what the client offered.</summary>
    NegotiationFailed,
    LoginSucceeded,
    LoginFailed,
    /// <summary>A path or operation the file system refused; Detail names the path and the reason.</summary>
    Refused,
    UploadCompleted,
    UploadFailed,
    Closed,
}

/// <param name="Protocol">The session's protocol (an FTP session is Ftps once its control connection runs TLS).</param>
/// <param name="SessionId">Short id that also appears in the session's log lines.</param>
/// <param name="RemoteEndPoint">The client's address.</param>
/// <param name="Kind">What happened.</param>
/// <param name="User">The user name the client gave, once known.</param>
/// <param name="Detail">Human-readable detail: method and algorithm of a login, what was offered, the refused path. Never a secret.</param>
public sealed record SessionEvent(
    CameraProtocols Protocol,
    string SessionId,
    EndPoint? RemoteEndPoint,
    SessionEventKind Kind,
    string? User,
    string Detail);

/// <summary>Receives session events; implementations must be fast and must not throw.</summary>
public interface ISessionEventSink
{
    void Publish(SessionEvent sessionEvent);
}

/// <summary>A sink that drops everything, for libraries used without a host.</summary>
public sealed class NullSessionEventSink : ISessionEventSink
{
    public static readonly NullSessionEventSink Instance = new();

    public void Publish(SessionEvent sessionEvent)
    {
    }
}
