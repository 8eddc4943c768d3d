using Microsoft.Extensions.Configuration;

namespace Receiver.Options;

/// <summary>
/// Configuration keys that were renamed: every documented key keeps working. An old key's value is read as the new
/// key's, with the precedence of the source that set it (an environment variable with the old name still beats
/// appsettings.json with the new one, and the new name beats the old within one source). The map is explicit, no
/// reflection, so it survives trimming.
/// </summary>
public sealed class RenamedKeys
{
    /// <summary>Keys of the "Ssh" section, which was called "Sftp" (it configures the whole SSH server).</summary>
    private static readonly string[] SshKeys =
    [
        "Port", "ListenAddress", "Profile", "MaxStartups", "MaxConnections", "LoginGraceTimeSeconds",
        "IdleTimeoutSeconds", "MaxAuthAttempts", "RekeyAfterMegabytes", "RekeyIntervalMinutes",
    ];

    /// <summary>Old key → new key.</summary>
    public static readonly IReadOnlyList<(string Old, string New)> Map =
    [
        .. SshKeys.Select(key => ($"Sftp:{key}", $"Ssh:{key}")),
        ("Sftp:MaxConnectionsPerIp", "Ssh:MaxConnectionsPerSource"),
        ("Ssh:MaxConnectionsPerIp", "Ssh:MaxConnectionsPerSource"),
        ("Ftp:MaxConnectionsPerIp", "Ftp:MaxConnectionsPerSource"),
        ("Ftp:LoginTimeoutSeconds", "Ftp:LoginGraceTimeSeconds"),

        // Replaced by MaxStartups in the hardening work; one number is a hard cap, which is what the old key was.
        ("Sftp:MaxUnauthenticatedConnections", "Ssh:MaxStartups"),
    ];

    private RenamedKeys(IReadOnlyList<(string Old, string New)> used) => Used = used;

    /// <summary>The old keys this configuration sets, with their new names.</summary>
    public IReadOnlyList<(string Old, string New)> Used { get; }

    /// <summary>One warning line naming the new keys; null when no old key is set.</summary>
    public string? Warning => Used.Count == 0
        ? null
        : "Renamed configuration keys (read under their new names; rename them): " + string.Join(", ", Used.Select(u => $"{u.Old} is now {u.New}"));

    /// <summary>Adds, last, the values that old keys give to new ones; call once every source is added.</summary>
    public static RenamedKeys Apply(ConfigurationManager configuration)
    {
        var providers = ((IConfigurationRoot)configuration).Providers.Reverse().ToList();
        var used = new List<(string Old, string New)>();
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in Map.GroupBy(m => m.New, StringComparer.OrdinalIgnoreCase))
        {
            used.AddRange(group.Where(m => providers.Any(p => p.TryGet(m.Old, out _))));
            foreach (var provider in providers)
            {
                if (provider.TryGet(group.Key, out _))
                {
                    break;
                }

                var old = group.FirstOrDefault(m => provider.TryGet(m.Old, out _));
                if (old.Old is not null && provider.TryGet(old.Old, out var value))
                {
                    values[group.Key] = value;
                    break;
                }
            }
        }

        if (values.Count > 0)
        {
            configuration.AddInMemoryCollection(values);
        }

        return new RenamedKeys(used);
    }
}
