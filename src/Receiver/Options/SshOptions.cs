namespace Receiver.Options;

/// <summary>Section "Ssh" (formerly "Sftp", still read with a warning): the SSH server that serves sFTP.</summary>
public sealed class SshOptions : ListenerOptions
{
    public const string Section = "Ssh";

    /// <summary>0 turns the sFTP server off. The default 2222 leaves 22 to the machine's own sshd.</summary>
    public int Port { get; set; } = 2222;

    /// <summary>"modern" (default) or "legacy" (adds group14-sha1, ecdh-sha2-nistp256 and ssh-rsa SHA-1 for old cameras).</summary>
    public string Profile { get; set; } = "modern";

    public int MaxAuthAttempts { get; set; } = 6;

    /// <summary>New session keys after this much data in either direction (OpenSSH's RekeyLimit, first part).</summary>
    public int RekeyAfterMegabytes { get; set; } = 1024;

    /// <summary>New session keys after this long on one set of keys (OpenSSH's RekeyLimit, second part).</summary>
    public int RekeyIntervalMinutes { get; set; } = 60;
}
