using System.Globalization;
using Microsoft.Extensions.Hosting;
using Receiver.Hosting;

namespace Receiver.Tests.Cli;

/// <summary>--health, as Docker runs it: against the real service's listeners, read from the same configuration.</summary>
public sealed class HealthCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Health_is_ok_while_the_service_listens_and_fails_naming_the_port_once_it_stopped()
    {
        var config = new Dictionary<string, string?>
        {
            ["Storage:Root"] = _temp.Combine("data"),
            ["Ssh:Port"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
            ["Ssh:ListenAddress"] = "127.0.0.1",
            ["Ftp:Port"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
            ["Ftp:ListenAddress"] = "127.0.0.1",
            ["Ftp:PassivePorts"] = "",
            ["Web:Port"] = "0",
        };
        using (var host = ReceiverHost.CreateBuilder(config).Build())
        {
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(120));
            var healthy = await CliRunner.RunAsync(_temp.Combine("data"), ["--health"], config: config);

            Assert.True(healthy.ExitCode == 0, healthy.Output + healthy.Error);
            Assert.Contains($"sftp port {config["Ssh:Port"]}: ok", healthy.Output);
            Assert.Contains($"ftp port {config["Ftp:Port"]}: ok", healthy.Output);
            await host.StopAsync();
        }

        var stopped = await CliRunner.RunAsync(_temp.Combine("data"), ["--health"], config: config);

        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains($"sftp port {config["Ssh:Port"]}: not answering", stopped.Output);
        Assert.Contains($"ftp port {config["Ftp:Port"]}: not answering", stopped.Output);
    }

    public void Dispose() => _temp.Dispose();
}
