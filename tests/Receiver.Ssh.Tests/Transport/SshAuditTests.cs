using System.Globalization;
using Receiver.Ssh.Tests.Support;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>ssh-audit (Debian) finds nothing to fail in the default configuration.</summary>
public sealed class SshAuditTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task DefaultConfigurationHasNoFailures()
    {
        await using var server = await TestServer.StartAsync();

        var result = await ExternalProcess.RunAsync("ssh-audit", ["-n", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "127.0.0.1"]);

        output.WriteLine(result.StandardOutput);
        Assert.Contains("kex-strict-s-v00@openssh.com", result.StandardOutput);
        var failures = result.StandardOutput.Split('\n').Where(l => l.Contains("[fail]", StringComparison.Ordinal)).ToArray();
        Assert.True(failures.Length == 0, string.Join('\n', failures) + "\n" + result.StandardOutput);
    }
}
