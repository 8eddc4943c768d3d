using Microsoft.Extensions.Logging;
using Receiver.Abstractions;

namespace Receiver.Ssh;

/// <summary>
/// The SSH layers' log lines, one per fact; a connection's lines carry {SessionId} and {RemoteEndPoint} through its
/// scope. Client-chosen text is escaped (<see cref="ClientText"/>) by the caller. Per login, Information gives the
/// key exchange and the login; the session's end is Information only when the client or the server says why.
/// </summary>
internal static partial class SshLog
{
    // Server

    [LoggerMessage(Level = LogLevel.Information, Message = "SSH server listening on {EndPoint} (profile {Profile})")]
    public static partial void Listening(ILogger logger, System.Net.IPEndPoint endPoint, SshProfile profile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSH deadline check failed for {SessionId}")]
    public static partial void DeadlineCheckFailed(ILogger logger, Exception exception, string sessionId);

    // Connection

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSH connection from {RemoteEndPoint}")]
    public static partial void Connected(ILogger logger, System.Net.IPEndPoint remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client identification {ClientVersion}")]
    public static partial void ClientIdentification(ILogger logger, string clientVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSH negotiation failed: no common {Category}. Client offered: {ClientOffered}. Server offers: {ServerOffered}")]
    public static partial void NegotiationFailed(ILogger logger, string category, string clientOffered, string serverOffered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSH protocol error, closing the connection: {Reason}")]
    public static partial void ProtocolError(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing SSH connection: {Reason}")]
    public static partial void Closing(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSH connection ended: {Reason}")]
    public static partial void Ended(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error in SSH connection")]
    public static partial void UnexpectedError(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSH connection closed")]
    public static partial void Closed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSH key exchange not finished after {Seconds:F0} s (limit {LimitSeconds:F0} s, in state {State}): closing the connection")]
    public static partial void KeyExchangeOverdue(ILogger logger, double seconds, double limitSeconds, Kex.KexState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client disconnected ({Reason}): {Description}")]
    public static partial void ClientDisconnected(ILogger logger, DisconnectReason reason, string description);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client reported a message as unimplemented")]
    public static partial void ClientUnimplemented(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session event sink failed")]
    public static partial void EventSinkFailed(ILogger logger, Exception exception);

    // Key exchange

    [LoggerMessage(Level = LogLevel.Debug, Message = "Negotiated {Kex}, host key {HostKey}, ciphers {CipherIn}/{CipherOut}, MACs {MacIn}/{MacOut}")]
    public static partial void Negotiated(ILogger logger, string kex, string hostKey, string cipherIn, string cipherOut, string? macIn, string? macOut);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSH key exchange done: {Kex}, {HostKey}, {Cipher}, {Mac}, strict {StrictKex}")]
    public static partial void KeyExchangeDone(ILogger logger, string kex, string hostKey, string cipher, string? mac, bool strictKex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Starting key re-exchange")]
    public static partial void RekeyStarting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Re-key loop ended: {Reason}")]
    public static partial void RekeyLoopEnded(ILogger logger, string reason);

    // Authentication

    // The authenticator owns the login's log line (it knows the account); these are for debugging the protocol.
    [LoggerMessage(Level = LogLevel.Debug, Message = "SSH login of {User} succeeded with {Method}")]
    public static partial void LoginSucceeded(ILogger logger, string user, string method);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSH login of {User} failed ({Method}): {Reason}")]
    public static partial void LoginFailed(ILogger logger, string user, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The authenticator failed")]
    public static partial void AuthenticatorFailed(ILogger logger, Exception exception);

    // Channels

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused global request {Request}")]
    public static partial void GlobalRequestRefused(ILogger logger, string request);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused channel {ChannelType}: {Reason}")]
    public static partial void ChannelRefused(ILogger logger, string channelType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused channel request {Request} (subsystem {Subsystem}): only the sftp subsystem is served")]
    public static partial void ChannelRequestRefused(ILogger logger, string request, string? subsystem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subsystem ended with the channel: {Reason}")]
    public static partial void SubsystemEndedWithChannel(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sftp subsystem failed")]
    public static partial void SubsystemFailed(ILogger logger, Exception exception);
}
