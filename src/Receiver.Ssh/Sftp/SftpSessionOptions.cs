using System.Net;
using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>Limits of one SFTP session (the defaults follow OpenSSH's sftp-server) and where its events go.</summary>
public sealed class SftpSessionOptions
{
    /// <summary>
    /// Receives Refused, UploadCompleted and UploadFailed events (protocol "sftp"); null publishes nothing.
    /// Connection-level events (Connected, logins, Closed) belong to the transport that runs the session.
    /// </summary>
    public ISessionEventSink? Events { get; init; }

    /// <summary>The transport's session id, carried by published events.</summary>
    public string SessionId { get; init; } = "";

    /// <summary>The client's address, carried by published events.</summary>
    public EndPoint? RemoteEndPoint { get; init; }

    /// <summary>The clock for timestamps (SETSTAT without times, directory listings); the SSH server passes its own.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Largest packet accepted from the client (the value of its length field); a larger one ends the session.</summary>
    public int MaxPacketLength { get; init; } = 256 * 1024;

    /// <summary>Largest READ answered (advertised through limits@openssh.com); larger requests are shortened.</summary>
    public int MaxReadLength { get; init; } = 255 * 1024;

    /// <summary>Largest WRITE payload advertised through limits@openssh.com (bounded by the packet cap anyway).</summary>
    public int MaxWriteLength { get; init; } = 255 * 1024;

    /// <summary>Open file and directory handles per session; OPEN beyond it fails.</summary>
    public int MaxOpenHandles { get; init; } = 64;

    /// <summary>Directory entries per READDIR reply.</summary>
    public int DirectoryEntriesPerReply { get; init; } = 100;

    /// <summary>Replies are buffered while more requests are waiting, up to this many bytes before they are sent.</summary>
    public int ReplyFlushThreshold { get; init; } = 256 * 1024;

    /// <summary>These limits with one session's identity and event sink.</summary>
    internal SftpSessionOptions ForSession(ISessionEventSink events, string sessionId, EndPoint? remoteEndPoint, TimeProvider timeProvider) => new()
    {
        TimeProvider = timeProvider,
        Events = events,
        SessionId = sessionId,
        RemoteEndPoint = remoteEndPoint,
        MaxPacketLength = MaxPacketLength,
        MaxReadLength = MaxReadLength,
        MaxWriteLength = MaxWriteLength,
        MaxOpenHandles = MaxOpenHandles,
        DirectoryEntriesPerReply = DirectoryEntriesPerReply,
        ReplyFlushThreshold = ReplyFlushThreshold,
    };

    internal void Validate()
    {
        if (MaxPacketLength < 34 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPacketLength), MaxPacketLength, "The SFTP draft requires packets of at least 34000 bytes.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReadLength, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxReadLength, MaxPacketLength - 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWriteLength, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxWriteLength, MaxPacketLength - 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOpenHandles, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(DirectoryEntriesPerReply, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplyFlushThreshold, 0);
    }
}
