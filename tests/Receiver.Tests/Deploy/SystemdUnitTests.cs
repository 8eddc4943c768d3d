namespace Receiver.Tests.Deploy;

public sealed class SystemdUnitTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task The_unit_passes_systemd_analyze_verify_without_a_warning()
    {
        var unit = File.ReadAllText(RepositoryRoot.Combine("deploy", "systemd", "receiver.service"));
        // verify checks that ExecStart exists: point it at the program the tests just built.
        var local = unit.Replace("ExecStart=/opt/receiver/receiver", "ExecStart=" + Path.Combine(AppContext.BaseDirectory, "receiver"), StringComparison.Ordinal);
        var path = _temp.Combine("receiver.service");
        File.WriteAllText(path, local);

        var result = await ExternalProcess.RunAsync("systemd-analyze", ["verify", path]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal("", result.StandardError.Trim());
        Assert.Contains("Type=notify", unit);
        Assert.Contains("AmbientCapabilities=CAP_NET_BIND_SERVICE", unit);
        Assert.Contains("ProtectSystem=strict", unit);
        Assert.Contains("StateDirectory=receiver", unit);
        Assert.Contains("User=receiver", unit);
    }

    public void Dispose() => _temp.Dispose();
}
