using System.Net;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;

namespace Receiver.Ssh;

/// <summary>What a subsystem handler knows about the authenticated session it serves.</summary>
public sealed class SshSessionContext(string sessionId, IPEndPoint remoteEndPoint, string user, ISessionFileSystem fileSystem, string authMethod, ILogger logger, ISessionEventSink events, TimeProvider timeProvider)
{
    public string SessionId { get; } = sessionId;

    public IPEndPoint RemoteEndPoint { get; } = remoteEndPoint;

    public string User { get; } = user;

    /// <summary>The file system the authenticator returned for this login.</summary>
    public ISessionFileSystem FileSystem { get; } = fileSystem;

    /// <summary>How the user logged in, e.g. "publickey ssh-ed25519" or "password".</summary>
    public string AuthMethod { get; } = authMethod;

    /// <summary>The session's logger (its scope carries the session id and remote endpoint).</summary>
    public ILogger Logger { get; } = logger;

    /// <summary>Where the subsystem publishes Refused / UploadCompleted / UploadFailed events.</summary>
    public ISessionEventSink Events { get; } = events;

    /// <summary>The server's clock (<see cref="SshServerOptions.TimeProvider"/>), for the subsystem's timestamps and timeouts.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider;
}

/// <summary>
/// Runs a subsystem (here: "sftp") over the channel's duplex stream. Reading returns 0 at the client's EOF;
/// writing respects the client's window. The channel is closed when the task ends.
/// </summary>
public delegate Task SshSubsystemHandler(SshSessionContext session, Stream channel, CancellationToken cancellationToken);
