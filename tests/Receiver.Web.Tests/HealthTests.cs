using System.Text.Json;
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
    public async Task Receiver_health_asks_healthz_when_the_web_server_is_on()
    {
        using var output = new StringWriter();

        var exit = await ReceiverProgram.RunAsync(["--health"], new Cli.CliConsole(new StringReader(""), output, output), Receiver.Configuration);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains($"web port {Receiver.WebPort}: 200 ok", output.ToString());
        Assert.Contains($"sftp port {Receiver.SftpPort}: ok", output.ToString());
    }
}
