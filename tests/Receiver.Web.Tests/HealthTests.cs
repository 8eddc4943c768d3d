using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Receiver.Hosting;

namespace Receiver.Web.Tests;

public class HealthTests : WebReceiverTests
{
    [Fact]
    public async Task Healthz_is_200_with_every_listener_and_503_naming_the_sftp_listener_once_it_stopped()
    {
        using var client = Receiver.Client();

        using var healthy = await client.GetAsync("/healthz");
        var body = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(["sftp", "ftp"], body.GetProperty("listeners").EnumerateArray().Select(l => l.GetProperty("name").GetString()));

        await Receiver.Get<SshServerService>().StopAsync(CancellationToken.None);
        using var failing = await client.GetAsync("/healthz");
        var after = JsonDocument.Parse(await failing.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        var sftp = after.GetProperty("listeners").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "sftp");
        Assert.False(sftp.GetProperty("ok").GetBoolean());
        Assert.Contains($"port {Receiver.SftpPort}", sftp.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Receiver_health_probes_the_listeners_and_fails_once_the_web_server_no_longer_answers_on_its_http_port()
    {
        var (exit, output) = await HealthAsync(Receiver.Configuration);

        Assert.True(exit == 0, output);
        Assert.Contains($"sftp port {Receiver.SftpPort}: ok", output);
        Assert.Contains($"web port {Receiver.WebPort}: ok", output);

        await Receiver.Services.GetServices<IHostedService>().OfType<Web.Hosting.WebServerService>().Single().StopAsync(CancellationToken.None);
        (exit, output) = await HealthAsync(Receiver.Configuration);

        Assert.True(exit == 1, output);
        Assert.Contains($"sftp port {Receiver.SftpPort}: ok", output);
        Assert.Contains($"web port {Receiver.WebPort}: not answering (HTTP port {Receiver.HttpPort}", output);
    }

    [Fact]
    public async Task Receiver_health_asks_healthz_over_https_when_the_web_server_has_no_http_port()
    {
        await using var receiver = await WebReceiver.StartAsync(new Dictionary<string, string?> { ["Web:HttpPort"] = "0" });

        var (exit, output) = await HealthAsync(receiver.Configuration);

        Assert.True(exit == 0, output);
        Assert.Contains($"web port {receiver.WebPort}: 200 ok", output);
        Assert.Contains($"sftp port {receiver.SftpPort}: ok", output);
    }

    private static async Task<(int Exit, string Output)> HealthAsync(Dictionary<string, string?> configuration)
    {
        using var output = new StringWriter();
        var exit = await ReceiverProgram.RunAsync(["--health"], new Cli.CliConsole(new StringReader(""), output, output), configuration);
        return (exit, output.ToString());
    }
}
