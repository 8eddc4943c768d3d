using Receiver.Abstractions.Networking;
using Receiver.Options;

namespace Receiver.Hosting;

/// <summary>The servers' connection limits from the host's settings: one protocol's caps plus the shared "Security" rules.</summary>
public static class AdmissionSettings
{
    public static ConnectionLimits Limits(int maxConnections, int maxConnectionsPerIp, string maxStartups, SecurityOptions security)
    {
        var penalties = security.PerSourcePenalties;
        return new ConnectionLimits
        {
            MaxConnections = maxConnections,
            MaxConnectionsPerSource = maxConnectionsPerIp,
            MaxStartups = MaxStartups.TryParse(maxStartups, out var startups) ? startups : MaxStartups.Cap(32),
            SourceNetBlock = NetBlockSize(security),
            Penalties = new PenaltyOptions
            {
                AuthFailure = TimeSpan.FromSeconds(penalties.AuthFailureSeconds),
                NoAuth = TimeSpan.FromSeconds(penalties.NoAuthSeconds),
                GraceExceeded = TimeSpan.FromSeconds(penalties.GraceExceededSeconds),
                Threshold = TimeSpan.FromSeconds(penalties.ThresholdSeconds),
                Max = TimeSpan.FromSeconds(penalties.MaxSeconds),
            },
        };
    }

    /// <summary>Security:PerSourceNetBlockSize (validated at start; the default if unset).</summary>
    public static NetBlockSize NetBlockSize(SecurityOptions security) =>
        Abstractions.Networking.NetBlockSize.TryParse(security.PerSourceNetBlockSize, out var size) ? size : Abstractions.Networking.NetBlockSize.Default;
}
