using Receiver.Provisioning.Tests.Support;

namespace Receiver.Provisioning.Tests.EndToEnd;

public class EnrollServiceDownTests : CameraTests
{
    [Fact]
    public async Task Enrolling_while_the_service_is_down_says_how_to_start_it_and_touches_nothing()
    {
        using var temp = new TempFolder("prov-down-");
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:Root"] = temp.Combine("data"),
            ["Ssh:Port"] = FreePort.Get().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ftp:Port"] = FreePort.Get().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Web:Port"] = "0",
        };
        var before = Camera.State.Snapshot();

        var (exit, _, error) = await CliRunner.RunAsync(configuration, ["--enroll", $"http://admin:instar@127.0.0.1:{Camera.Port}", "--receiver-address", "127.0.0.1"]);

        Assert.Equal(1, exit);
        Assert.Contains("The receiver service is not running", error);
        Assert.Contains("systemctl start receiver", error);
        Assert.Empty(Camera.Requests);
        Assert.Equal(before.Ftp, Camera.State.Snapshot().Ftp);
    }

    [Fact]
    public async Task Missing_camera_password_is_a_usage_error()
    {
        var (exit, _, error) = await CliRunner.RunAsync(Path.GetTempPath(), ["--enroll", "192.0.2.10"]);

        Assert.Equal(64, exit);
        Assert.Contains("admin password is needed", error);
    }
}
