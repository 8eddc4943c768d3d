namespace Receiver.Abstractions.Networking;

/// <summary>
/// Per-source penalties in the spirit of OpenSSH 9.8's PerSourcePenalties. A connection that ends without a login
/// adds time to its source's penalty; the source is refused while the penalty left is at least
/// <see cref="Threshold"/>. Penalties decay with time, so a health probe now and then or a camera that logs in
/// after one failed try never reaches the threshold; a source that holds silent connections until the login
/// grace time, or keeps failing, does. A connection from the source that logs in clears its penalty.
/// </summary>
public sealed record PenaltyOptions
{
    /// <summary>No penalties (the library default; the host turns them on).</summary>
    public static PenaltyOptions Off { get; } = new() { AuthFailure = TimeSpan.Zero, NoAuth = TimeSpan.Zero, GraceExceeded = TimeSpan.Zero };

    /// <summary>OpenSSH's defaults: authfail:5s noauth:1s grace-exceeded:20s min:15s max:10m.</summary>
    public static PenaltyOptions Default { get; } = new();

    /// <summary>A connection that failed to log in at least once and ended without a login.</summary>
    public TimeSpan AuthFailure { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection that ended without trying to log in (a probe, a scan).</summary>
    public TimeSpan NoAuth { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A connection still not logged in at the login grace time, or pushed out to make room for others.</summary>
    public TimeSpan GraceExceeded { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Penalty left from which the source is refused.</summary>
    public TimeSpan Threshold { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest penalty a source can collect.</summary>
    public TimeSpan Max { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Sources remembered at most; beyond that new sources are not penalized (memory stays bounded).</summary>
    public int MaxSources { get; init; } = 65_536;

    public bool Enabled => AuthFailure > TimeSpan.Zero || NoAuth > TimeSpan.Zero || GraceExceeded > TimeSpan.Zero;
}
