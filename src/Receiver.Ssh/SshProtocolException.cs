namespace Receiver.Ssh;

/// <summary>The peer broke the protocol (malformed, truncated or unexpected data); the connection is dropped.</summary>
public class SshProtocolException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The SSH_DISCONNECT reason code sent to the peer, when one is sent.</summary>
    public DisconnectReason Reason { get; init; } = DisconnectReason.ProtocolError;
}

/// <summary>RFC 4253 §11.1 disconnect reason codes.</summary>
public enum DisconnectReason : uint
{
    HostNotAllowedToConnect = 1,
    ProtocolError = 2,
    KeyExchangeFailed = 3,
    Reserved = 4,
    MacError = 5,
    CompressionError = 6,
    ServiceNotAvailable = 7,
    ProtocolVersionNotSupported = 8,
    HostKeyNotVerifiable = 9,
    ConnectionLost = 10,
    ByApplication = 11,
    TooManyConnections = 12,
    AuthCancelledByUser = 13,
    NoMoreAuthMethodsAvailable = 14,
    IllegalUserName = 15,
}
