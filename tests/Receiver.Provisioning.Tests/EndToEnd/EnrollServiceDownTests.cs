using Receiver.Provisioning.Tests.Support;

namespace Receiver.Provisioning.Tests.EndToEnd;

public class EnrollServiceDownTests
{
    [Fact]
    public async Task Enrolling_while_the_service_is_down_says_how_to_start_it_and_touches_nothing()
    {
        await using var camera = await CameraClients.StartAsync();
        var root = Path.Combine(Path.GetTempPath(), "prov-down-" + Guid.NewGuid().ToString("N")[..10]);
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:Root"] = root,
            ["Ssh:Port"] = FreePort.Get().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ftp:Port"] = FreePort.Get().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Web:Port"] = "0",
        };
        var before = camera.State.Snapshot();

        try
        {
            var (exit, _, error) = await CliRunner.RunAsync(configuration, ["--enroll", $"http://admin:instar@127.0.0.1:{camera.Port}", "--receiver-address", "127.0.0.1"]);

            Assert.Equal(1, exit);
            Assert.Contains("The receiver service is not running", error);
            Assert.Contains("systemctl start receiver", error);
            Assert.Empty(camera.Requests);
            Assert.Equal(before.Ftp, camera.State.Snapshot().Ftp);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Missing_camera_password_is_a_usage_error()
    {
        var (exit, _, error) = await CliRunner.RunAsync(Path.GetTempPath(), ["--enroll", "192.0.2.10"]);

        Assert.Equal(64, exit);
        Assert.Contains("admin password is needed", error);
    }
}
