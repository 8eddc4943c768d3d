using Receiver.Events.Delivery;

namespace Receiver.Events.Tests;

/// <summary>What a user types and reads: a bad Events key stops the start naming it; the quiet setting in the CLI.</summary>
public sealed class ConfigurationAndCliTests : IDisposable
{
    private readonly TempFolder _temp = new("events-cli-");

    [Theory]
    [InlineData("Events:Mqtt:Url", "http://broker:1883", "Events:Mqtt:Url must be mqtt://host[:port] or mqtts://host[:port]")]
    [InlineData("Events:Webhooks:0:Url", "http://127.0.0.1:9/hook", "Events:Webhooks:0:Secret must be a Standard Webhooks secret")]
    [InlineData("Events:Hash", "md5", "Events:Hash must be 'sha256' or 'none'")]
    [InlineData("Events:Mqtt:Filter:garage", "snapshot,motion", "Events:Mqtt:Filter:garage lists unknown event type 'motion'")]
    public async Task A_malformed_event_setting_stops_with_exit_2_and_names_the_key(string key, string value, string message)
    {
        var (exit, _, error) = await RunAsync(["--list-cameras"], new Dictionary<string, string?> { [key] = value });
        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_after_hours_is_set_per_camera_and_shown_in_the_camera_list()
    {
        Assert.Equal(0, (await RunAsync(["--add-camera", "attic"])).ExitCode);
        Assert.Equal(0, (await RunAsync(["--add-camera", "porch"])).ExitCode);
        var set = await RunAsync(["--set-camera", "attic", "--quiet-after-hours", "26", "--scheduled-snapshots", "T_*.jpg"]);
        Assert.Equal(0, set.ExitCode);
        Assert.Contains("quiet after 26 h", set.Output, StringComparison.Ordinal);

        var list = await RunAsync(["--list-cameras"], new Dictionary<string, string?> { ["Events:QuietAfterHours"] = "48" });
        Assert.Contains("QUIET AFTER", list.Output, StringComparison.Ordinal);
        Assert.Contains("26 h", Row(list.Output, "attic"), StringComparison.Ordinal);
        Assert.Contains("48 h (default)", Row(list.Output, "porch"), StringComparison.Ordinal);

        var bad = await RunAsync(["--set-camera", "attic", "--quiet-after-hours", "soon"]);
        Assert.Equal(64, bad.ExitCode);
        Assert.Contains("--quiet-after-hours takes a whole number of hours", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sha256_of_an_upload_that_could_not_be_hashed_while_written_is_computed_before_delivery()
    {
        var folder = Path.Combine(_temp.Path, "cam", "2026-12-01");
        Directory.CreateDirectory(folder);
        var bytes = TestFiles.Random(70_000);
        await File.WriteAllBytesAsync(Path.Combine(folder, "resumed.mp4"), bytes);
        var e = new UploadEvent { Id = UploadEvent.NewId(), EventType = EventTypes.Clip, Camera = "cam", Path = "cam/2026-12-01/resumed.mp4", Time = DateTimeOffset.Now };

        var completed = await new EventHashes(_temp.Path, enabled: true).CompleteAsync(e, CancellationToken.None);
        Assert.Equal(EventsReceiver.Sha256(bytes), completed.Sha256);
        Assert.Null((await new EventHashes(_temp.Path, enabled: false).CompleteAsync(e, CancellationToken.None)).Sha256);
    }

    public void Dispose() => _temp.Dispose();

    private static string Row(string output, string camera) => output.Split('\n').Single(l => l.StartsWith(camera + " ", StringComparison.Ordinal));

    private Task<CliRunner.Result> RunAsync(string[] args, Dictionary<string, string?>? config = null) =>
        CliRunner.RunAsync(_temp.Path, args, config: config);
}
