using Receiver.Abstractions.Networking;
using Receiver.Options;

namespace Receiver.Hosting;

/// <summary>The servers' connection limits from the host's settings: one protocol's caps plus the shared "Security" rules.</summary>
public static class AdmissionSettings
{
    /// <param name="section">"Ssh" or "Ftp", to name the key of a value that cannot be used.</param>
    public static ConnectionLimits Limits(string section, ListenerOptions listener, SecurityOptions security)
    {
        var penalties = security.PerSourcePenalties;
        return new ConnectionLimits
        {
            MaxConnections = listener.MaxConnections,
            MaxConnectionsPerSource = listener.MaxConnectionsPerSource,
            MaxStartups = MaxStartups.TryParse(listener.MaxStartups, out var startups)
                ? startups
                : throw new ConfigurationException($"{section}:MaxStartups must be 'start:rate:full' or one number (was '{listener.MaxStartups}')."),
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

    /// <summary>Security:PerSourceNetBlockSize (validated at start).</summary>
    public static NetBlockSize NetBlockSize(SecurityOptions security) =>
        Abstractions.Networking.NetBlockSize.TryParse(security.PerSourceNetBlockSize, out var size)
            ? size
            : throw new ConfigurationException($"Security:PerSourceNetBlockSize must be 'ipv4bits:ipv6bits' (was '{security.PerSourceNetBlockSize}').");
}
