namespace Receiver.Abstractions.Networking;

/// <summary>
/// Admission limits of one server (SSH or FTP), applied by <see cref="ConnectionServer"/> before a connection's
/// task starts. Every count is per source as <see cref="SourceNetBlock"/> groups addresses.
/// </summary>
public sealed class ConnectionLimits
{
    /// <summary>Open connections in total, logged in or not.</summary>
    public int MaxConnections { get; set; } = 256;

    /// <summary>Open connections from one source (one address with the default net block size).</summary>
    public int MaxConnectionsPerSource { get; set; } = 16;

    /// <summary>Connections not logged in yet: random early drop from Start, none admitted beyond Full.</summary>
    public MaxStartups MaxStartups { get; set; } = MaxStartups.Cap(32);

    public NetBlockSize SourceNetBlock { get; set; } = NetBlockSize.Default;

    /// <summary>Per-source penalties for connections that end without a login; off unless set.</summary>
    public PenaltyOptions Penalties { get; set; } = PenaltyOptions.Off;

    /// <summary>The early-drop dice; tests pass a seeded one. Only used under the admission lock.</summary>
    public Random Random { get; set; } = Random.Shared;
}
