using System.Globalization;
using System.Text.RegularExpressions;

namespace Receiver.Web.Tests;

public class MetricsTests
{
    [Fact]
    public async Task Counters_move_with_uploads_and_logins_and_promtool_accepts_the_text()
    {
        await using var receiver = await WebReceiver.StartAsync(new Dictionary<string, string?> { ["Security:MaxFailuresPerAccount"] = "2" });
        receiver.AddCamera("door", "password-door-1");
        var picture = TestPictures.Jpeg();
        using var client = receiver.Client();
        var before = await client.GetStringAsync("/metrics");

        SftpUpload.Put(receiver.SftpPort, "door", "password-door-1", "A_1.jpg", picture);
        SftpUpload.Put(receiver.SftpPort, "door", "password-door-1", "clip.mp4", new byte[5000]);
        Assert.False(SftpUpload.CanLogIn(receiver.SftpPort, "door", "wrong"));
        using (var web = receiver.Client())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await WebReceiver.SignInAsync(web, "wrong")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await WebReceiver.SignInAsync(web, "wrong again")).StatusCode);
        }

        var text = await client.GetStringAsync("/metrics");

        Assert.Equal(0, Value(before, "receiver_uploads_total", "camera=\"door\",protocol=\"sftp\",kind=\"snapshot\",result=\"ok\""));
        Assert.Equal(1, Value(text, "receiver_uploads_total", "camera=\"door\",protocol=\"sftp\",kind=\"snapshot\",result=\"ok\""));
        Assert.Equal(1, Value(text, "receiver_uploads_total", "camera=\"door\",protocol=\"sftp\",kind=\"clip\",result=\"ok\""));
        Assert.Equal(picture.Length + 5000, Value(text, "receiver_upload_bytes_total", "camera=\"door\",protocol=\"sftp\""));
        Assert.Equal(2, Value(text, "receiver_upload_duration_seconds_count", null));
        Assert.Equal(2, Value(text, "receiver_upload_duration_seconds_bucket", "le=\"300\""));
        Assert.Contains("receiver_upload_duration_seconds_bucket{le=\"0.05\"}", text);
        Assert.True(Value(text, "receiver_camera_last_upload_timestamp_seconds", "camera=\"door\"") > DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds());
        Assert.Equal(2, Value(text, "receiver_login_attempts_total", "protocol=\"sftp\",method=\"password\",result=\"ok\""));
        Assert.True(Value(text, "receiver_login_attempts_total", "protocol=\"sftp\",method=\"password\",result=\"failed\"") >= 1);
        Assert.Equal(2, Value(text, "receiver_login_attempts_total", "protocol=\"web\",method=\"password\",result=\"failed\""));
        Assert.Equal(1, Value(text, "receiver_lockouts_total", null));
        Assert.True(Value(text, "receiver_storage_free_bytes", null) > 0);
        Assert.Matches("receiver_build_info\\{version=\"[^\"]+\"\\} 1", text);
        foreach (var name in new[] { "receiver_sessions", "receiver_retention_deleted_bytes_total", "receiver_event_deliveries_total" })
        {
            Assert.Contains("# TYPE " + name + " ", text);
        }

        var check = await ExternalProcess.RunAsync("promtool", ["check", "metrics"], standardInput: text);
        Assert.True(check.ExitCode == 0, check.Describe());
    }

    [Theory]
    [InlineData("192.0.2.7, 2001:db8::/32", HttpStatusCode.Forbidden)]
    [InlineData("10.0.0.0/8,127.0.0.0/8", HttpStatusCode.OK)]
    public async Task MetricsAllowFrom_refuses_other_addresses(string allowFrom, HttpStatusCode expected)
    {
        await using var receiver = await WebReceiver.StartAsync(new Dictionary<string, string?> { ["Web:MetricsAllowFrom"] = allowFrom });
        using var client = receiver.Client();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, (await response.Content.ReadAsStringAsync()).Contains("receiver_uploads_total", StringComparison.Ordinal));
    }

    /// <summary>The sample's value; 0 when the series is not there yet.</summary>
    private static double Value(string text, string name, string? labels)
    {
        var pattern = "^" + Regex.Escape(name) + (labels is null ? "" : Regex.Escape("{" + labels + "}")) + " (\\S+)$";
        var match = Regex.Match(text, pattern, RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
