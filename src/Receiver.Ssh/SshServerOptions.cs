using System.Net;
using Receiver.Abstractions;
using Receiver.Abstractions.Networking;
using Receiver.Ssh.Keys;

namespace Receiver.Ssh;

/// <summary>
/// Configuration of an <see cref="SshServer"/>; copied and checked once when the server starts. The defaults are
/// the host's (<c>Sftp</c> section); a value out of range stops the start with the option named, never a silent clamp.
/// </summary>
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
    public ConnectionLimits Limits { get; set; } = new() { MaxStartups = new MaxStartups(16, 30, 32) };

    /// <summary>Time from TCP accept to a successful login (sshd LoginGraceTime).</summary>
    public TimeSpan LoginGraceTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An authenticated connection without any traffic for this long is closed; zero turns it off.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(300);

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

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of its range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 0, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfLessThan(Limits.MaxStartups.Full, 1, "Limits.MaxStartups");
        ArgumentOutOfRangeException.ThrowIfLessThan(Limits.MaxConnections, 1, "Limits.MaxConnections");
        ArgumentOutOfRangeException.ThrowIfLessThan(Limits.MaxConnectionsPerSource, 1, "Limits.MaxConnectionsPerSource");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LoginGraceTime, TimeSpan.Zero, nameof(LoginGraceTime));
        ArgumentOutOfRangeException.ThrowIfLessThan(IdleTimeout, TimeSpan.Zero, nameof(IdleTimeout));

        // RFC 4253 §6.1: every implementation must take packets of 35000 bytes.
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPacketSize, 35000, nameof(MaxPacketSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAuthAttempts, 1, nameof(MaxAuthAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChannelsPerConnection, 1, nameof(MaxChannelsPerConnection));

        // Re-keying more often than every 64 KiB would spend the link on key exchanges.
        ArgumentOutOfRangeException.ThrowIfLessThan(RekeyBytes, 64 * 1024, nameof(RekeyBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RekeyInterval, TimeSpan.Zero, nameof(RekeyInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeyExchangeTimeout, TimeSpan.Zero, nameof(KeyExchangeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(FailedAuthenticationDelay, TimeSpan.Zero, nameof(FailedAuthenticationDelay));
    }
}
