using Receiver.Abstractions;
using Receiver.Ssh.Algorithms;
using Receiver.Ssh.Keys;

namespace Receiver.Ssh;

/// <summary>The server options, checked and defaulted once, shared read-only by all connections.</summary>
internal sealed class ConnectionSettings
{
    public const string Identification = "SSH-2.0-Receiver";

    public ConnectionSettings(SshServerOptions options)
    {
        if (options.HostKeys.Count == 0)
        {
            throw new ArgumentException("The SSH server needs at least one host key.", nameof(options));
        }

        Authenticator = options.Authenticator ?? throw new ArgumentException("The SSH server needs an authenticator.", nameof(options));
        options.Validate();

        HostKeys = [.. options.HostKeys];
        Algorithms = AlgorithmSet.From(options, HostKeys.SelectMany(k => k.SignatureAlgorithms));
        SftpSubsystem = options.SftpSubsystem;
        Events = options.Events;
        Profile = options.Profile;
        LoginGraceTime = options.LoginGraceTime;
        IdleTimeout = options.IdleTimeout;
        MaxPacketSize = options.MaxPacketSize;
        MaxAuthAttempts = options.MaxAuthAttempts;
        MaxChannels = options.MaxChannelsPerConnection;
        RekeyBytes = options.RekeyBytes;
        RekeyInterval = options.RekeyInterval;
        TimeProvider = options.TimeProvider;
        KexTimeout = options.KeyExchangeTimeout;
        FailedAuthDelay = options.FailedAuthenticationDelay;
    }

    private long _signatureChecks;

    public IReadOnlyList<SshHostKey> HostKeys { get; }

    public AlgorithmSet Algorithms { get; }

    public ISshAuthenticator Authenticator { get; }

    public SshSubsystemHandler? SftpSubsystem { get; }

    public ISessionEventSink Events { get; }

    public SshProfile Profile { get; }

    public TimeSpan LoginGraceTime { get; }

    public TimeSpan IdleTimeout { get; }

    public int MaxPacketSize { get; }

    public int MaxAuthAttempts { get; }

    public int MaxChannels { get; }

    public long RekeyBytes { get; }

    public TimeSpan RekeyInterval { get; }

    public TimeProvider TimeProvider { get; }

    public TimeSpan KexTimeout { get; }

    public TimeSpan FailedAuthDelay { get; }

    /// <summary>Bytes of replies held during one key exchange (a legitimate client causes a handful of small ones).</summary>
    public int KexHeldReplyLimit => 64 * 1024;

    /// <summary>Client signatures verified so far, across connections: the pre-auth CPU spent on them (tests read it).</summary>
    public long SignatureChecks => Interlocked.Read(ref _signatureChecks);

    public void CountSignatureCheck() => Interlocked.Increment(ref _signatureChecks);

    /// <summary>Channel window: large so that pipelined SFTP writes never wait for an adjust on a fast link.</summary>
    public uint ChannelWindow => 4 * 1024 * 1024;

    /// <summary>Largest channel data packet accepted from the client.</summary>
    public uint ChannelMaxPacket => (uint)Math.Min(MaxPacketSize - 1024, 256 * 1024);

    public SshHostKey HostKeyFor(string signatureAlgorithm) =>
        HostKeys.First(k => k.SignatureAlgorithms.Contains(signatureAlgorithm));
}
