using System.Net;
using Receiver.Abstractions;
using Receiver.Abstractions.Networking;
using Receiver.Ssh.Keys;

namespace Receiver.Ssh;

/// <summary>Configuration of an <see cref="SshServer"/>; copied and checked once when the server starts.</summary>
public sealed class SshServerOptions
{
    /// <summary>Addresses to listen on (default: all IPv4 and IPv6 addresses).</summary>
    public IList<IPAddress> ListenAddresses { get; set; } = [IPAddress.IPv6Any];

    /// <summary>TCP port; 0 picks a free one (the server exposes the bound endpoints).</summary>
    public int Port { get; set; } = 2222;

    public SshProfile Profile { get; set; } = SshProfile.Default;

    /// <summary>The server's host keys (at least one; ssh-ed25519 first is what cameras pin).</summary>
    public IList<SshHostKey> HostKeys { get; set; } = [];

    public ISshAuthenticator? Authenticator { get; set; }

    /// <summary>Handler of the "sftp" subsystem; without one the subsystem request is refused.</summary>
    public SshSubsystemHandler? SftpSubsystem { get; set; }

    public ISessionEventSink Events { get; set; } = NullSessionEventSink.Instance;

    /// <summary>
    /// Connection limits and fair pre-login admission (total, per source, MaxStartups, penalties); the
    /// MaxStartups "full" is the cap on connections that have not finished authentication.
    /// </summary>
    public ConnectionLimits Limits { get; set; } = new() { MaxConnectionsPerSource = 32, MaxStartups = MaxStartups.Cap(64) };

    /// <summary>Time from TCP accept to a successful login (sshd LoginGraceTime).</summary>
    public TimeSpan LoginGraceTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An authenticated connection without any traffic for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest packet (uncompressed payload plus padding) accepted from a client.</summary>
    public int MaxPacketSize { get; set; } = 256 * 1024;

    /// <summary>Authentication requests per connection (sshd MaxAuthTries).</summary>
    public int MaxAuthAttempts { get; set; } = 6;

    public int MaxChannelsPerConnection { get; set; } = 4;

    /// <summary>Re-key after this many bytes in either direction.</summary>
    public long RekeyBytes { get; set; } = 1L << 30;

    /// <summary>Re-key after this much time.</summary>
    public TimeSpan RekeyInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A key exchange (the first or a re-exchange) not finished within this time ends the connection.</summary>
    public TimeSpan KeyExchangeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a failed password or signature waits before its answer (OpenSSH waits too): online guessing gets
    /// slow, and the answer's timing tells nothing. Zero turns it off (tests).
    /// </summary>
    public TimeSpan FailedAuthenticationDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Optional restriction of the key exchange algorithms (wire names), e.g. for tests; null = the profile's.</summary>
    public IList<string>? KexAlgorithms { get; set; }

    /// <summary>Optional restriction of the ciphers; null = the profile's.</summary>
    public IList<string>? Ciphers { get; set; }

    /// <summary>Optional restriction of the MACs; null = the profile's.</summary>
    public IList<string>? Macs { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
