namespace Receiver.Options;

/// <summary>Section "Ssh" (formerly "Sftp", still read with a warning): the SSH server that serves sFTP.</summary>
public sealed class SshOptions
{
    public const string Section = "Ssh";

    /// <summary>0 turns the sFTP server off. The default 2222 leaves 22 to the machine's own sshd.</summary>
    public int Port { get; set; } = 2222;

    /// <summary>Address to listen on: "*" (all, IPv4 and IPv6), "0.0.0.0", "::" or one address.</summary>
    public string ListenAddress { get; set; } = "*";

    /// <summary>"modern" (default) or "legacy" (adds group14-sha1, ecdh-sha2-nistp256 and ssh-rsa SHA-1 for old cameras).</summary>
    public string Profile { get; set; } = "modern";

    /// <summary>
    /// Connections not logged in yet, as OpenSSH's MaxStartups "start:rate:full": from start on a new one is dropped
    /// with probability rate %, rising to 100 % at full (a source holding fewer of these slots than another may
    /// take that one's oldest). A single number is a hard cap.
    /// </summary>
    public string MaxStartups { get; set; } = "16:30:32";

    /// <summary>Open connections per source (addresses grouped by Security:PerSourceNetBlockSize).</summary>
    public int MaxConnectionsPerSource { get; set; } = 16;

    public int MaxConnections { get; set; } = 256;

    public int LoginGraceTimeSeconds { get; set; } = 30;

    public int IdleTimeoutSeconds { get; set; } = 300;

    public int MaxAuthAttempts { get; set; } = 6;

    /// <summary>New session keys after this much data in either direction (OpenSSH's RekeyLimit, first part).</summary>
    public int RekeyAfterMegabytes { get; set; } = 1024;

    /// <summary>New session keys after this long on one set of keys (OpenSSH's RekeyLimit, second part).</summary>
    public int RekeyIntervalMinutes { get; set; } = 60;
}
