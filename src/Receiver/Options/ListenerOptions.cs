namespace Receiver.Options;

/// <summary>
/// What the "Ssh" and "Ftp" sections share: where to listen and how many connections, for how long, are let in.
/// Same keys, defaults and rules for both, so a camera's limits read alike whichever protocol it uses.
/// </summary>
public abstract class ListenerOptions
{
    /// <summary>Address to listen on: "*" (all, IPv4 and IPv6), "0.0.0.0", "::" or one address.</summary>
    public string ListenAddress { get; set; } = "*";

    /// <summary>
    /// Connections not logged in yet, as OpenSSH's MaxStartups "start:rate:full": from start on a new one is dropped
    /// with probability rate %, rising to 100 % at full (a source holding fewer of these slots than another may
    /// take that one's oldest). A single number is a hard cap.
    /// </summary>
    public string MaxStartups { get; set; } = "16:30:32";

    /// <summary>Open connections per source (addresses grouped by Security:PerSourceNetBlockSize).</summary>
    public int MaxConnectionsPerSource { get; set; } = 16;

    public int MaxConnections { get; set; } = 256;

    /// <summary>Time from connecting to a login (OpenSSH's LoginGraceTime).</summary>
    public int LoginGraceTimeSeconds { get; set; } = 30;

    /// <summary>A logged-in connection without any traffic for this long is closed; 0 turns it off.</summary>
    public int IdleTimeoutSeconds { get; set; } = 300;
}
