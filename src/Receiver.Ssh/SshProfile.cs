namespace Receiver.Ssh;

/// <summary>Which algorithm set the server offers.</summary>
public enum SshProfile
{
    /// <summary>Modern algorithms only (no SHA-1, no NIST ECDH).</summary>
    Default,

    /// <summary>Adds diffie-hellman-group14-sha1, ecdh-sha2-nistp256 and ssh-rsa (SHA-1) for old embedded clients.</summary>
    Legacy,
}
