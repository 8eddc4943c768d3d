namespace Receiver.Options;

/// <summary>Section "Security": failed-login lockout shared by FTP and sFTP. It locks a source address, never an account for everyone.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Failures from one address for one account before that pair is locked out.</summary>
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Failures from one address, whatever the account, before the address is locked out.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>The window in which failures are counted.</summary>
    public int FailureWindowSeconds { get; set; } = 600;

    /// <summary>How long a lockout lasts.</summary>
    public int LockoutSeconds { get; set; } = 300;
}
