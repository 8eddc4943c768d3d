namespace Receiver.Options;

/// <summary>
/// Section "Security", shared by FTP and sFTP: the failed-login lockout (a source, never an account for
/// everyone), how sources are grouped, the per-source connection penalties and the per-account slow-down.
/// </summary>
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

    /// <summary>
    /// How addresses are grouped into one source, "ipv4bits:ipv6bits" as OpenSSH's PerSourceNetBlockSize. The
    /// default 32:128 is one address: on a home LAN every host shares one IPv6 /64.
    /// </summary>
    public string PerSourceNetBlockSize { get; set; } = "32:128";

    /// <summary>Penalties for sources whose connections end without a login (OpenSSH's PerSourcePenalties).</summary>
    public PerSourcePenaltyOptions PerSourcePenalties { get; set; } = new();

    /// <summary>Added to a failed login's answer for each recent failure of that account, from any source.</summary>
    public int AccountSlowdownStepMilliseconds { get; set; } = 250;

    /// <summary>Cap of the per-account slow-down: a guessing attack is slowed, never turned into a lock.</summary>
    public int AccountSlowdownMaxMilliseconds { get; set; } = 3000;
}

/// <summary>Section "Security:PerSourcePenalties": seconds of penalty per kind of connection end; 0 turns a kind off.</summary>
public sealed class PerSourcePenaltyOptions
{
    /// <summary>
    /// A connection that failed a login and ended without one. Below OpenSSH's 5 s: a few wrong passwords are the
    /// lockout's to answer (per account and source), the penalty only stops a flood of failing connections.
    /// </summary>
    public int AuthFailureSeconds { get; set; } = 2;

    /// <summary>A connection that ended without trying to log in (probes stay far below the threshold).</summary>
    public int NoAuthSeconds { get; set; } = 1;

    /// <summary>A connection that held its slot without logging in until the login grace time.</summary>
    public int GraceExceededSeconds { get; set; } = 20;

    /// <summary>Penalty left from which the source's new connections are refused.</summary>
    public int ThresholdSeconds { get; set; } = 15;

    public int MaxSeconds { get; set; } = 600;
}
