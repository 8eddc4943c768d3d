using Microsoft.Extensions.Configuration;
using Receiver.Hosting;

namespace Receiver.Tests.Hosting;

/// <summary>
/// --health reads its settings without building the host (ReceiverHost.CreateConfiguration). Whatever the service
/// reads, it must read too: the same values for every key, from the same sources, with the same precedence.
/// </summary>
public sealed class ConfigurationOnlyTests
{
    // Keys only the host itself adds (its own settings), not read from any of the receiver's sources.
    private static readonly string[] HostOnlyKeys = ["hostBuilder:reloadConfigOnChange", "contentRoot", "applicationName", "environment"];

    [Fact]
    public void The_configuration_alone_reads_every_key_the_host_reads_with_the_same_value()
    {
        // A variable no other test reads: the process environment is shared by tests running in parallel.
        const string variable = "ReceiverConfigurationOnlyTest__Probe";
        Environment.SetEnvironmentVariable(variable, "from the environment");
        try
        {
            var overrides = new Dictionary<string, string?>
            {
                ["Sftp:Port"] = "2301", // a renamed key: read as Ssh:Port by both
                ["Ftp:Port"] = "2121",
                ["Web:HttpPort"] = "0",
            };

            // Values only: a section's own entry has none.
            var host = ReceiverHost.CreateBuilder(overrides).Configuration.AsEnumerable()
                .Where(pair => pair.Value is not null && !HostOnlyKeys.Contains(pair.Key, StringComparer.OrdinalIgnoreCase))
                .ToDictionary(StringComparer.OrdinalIgnoreCase);
            var alone = ReceiverHost.CreateConfiguration(overrides).AsEnumerable()
                .Where(pair => pair.Value is not null)
                .ToDictionary(StringComparer.OrdinalIgnoreCase);

            Assert.Equal("2301", alone["Ssh:Port"]);
            Assert.Equal("from the environment", alone["ReceiverConfigurationOnlyTest:Probe"]);
            Assert.Equal("0", alone["Web:HttpPort"]);
            Assert.Equal(host.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase), alone.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
