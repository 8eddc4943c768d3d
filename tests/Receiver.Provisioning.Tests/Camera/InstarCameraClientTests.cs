using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;
using Receiver.Provisioning.Tests.Cgi;
using Receiver.Provisioning.Tests.Support;

namespace Receiver.Provisioning.Tests.Camera;

public class InstarCameraClientTests
{
    [Fact]
    public async Task Reads_the_reference_getftpattr_answer_with_named_meanings()
    {
        await using var server = new CannedHttpServer(200, "cmd=\"getftpattr\";\nft_server=\"192.168.2.110\";\nft_port=\"22\";\nft_username=\"ipcamera\";\nft_dirname=\"instar\";\nft_dirmode=\"0\";\nft_mode=\"1\";\nft_ssl=\"2\";\nft_insecure=\"0\";\nresponse=\"200\";\n");
        using var client = new InstarCameraClient(CameraCgiClientTests.Options(server.Address));

        var s = await client.GetFtpSettingsAsync();

        Assert.Equal(new CameraUploadTarget("192.168.2.110", 22, "ipcamera", FtpTransferMode.Passive, "instar", null, FtpDirectoryMode.SingleDirectory, FtpEncryption.Sftp, false), s);
    }

    [Fact]
    public async Task An_undocumented_ft_ssl_value_is_reported_not_guessed()
    {
        await using var server = new CannedHttpServer(200, "ft_server=\"a\";\nft_port=\"22\";\nft_mode=\"1\";\nft_dirmode=\"0\";\nft_ssl=\"3\";\nft_insecure=\"0\";\nresponse=\"200\";\n");
        using var client = new InstarCameraClient(CameraCgiClientTests.Options(server.Address));

        var ex = await Assert.ThrowsAsync<CameraProtocolException>(() => client.GetFtpSettingsAsync());

        Assert.Contains("'ft_ssl' is 3", ex.Message);
    }

    [Fact]
    public async Task Testftp_reports_result_and_host_key_from_the_reference_answer()
    {
        await using var server = new CannedHttpServer(200, "cmd=\"testftp\";\nhostkey=\"AAAAC3NzaC1lZDI1NTE5AAAAIHzXGgltq4a8PS6QH9u334FGdxJmEzQ0klKtUw+1iSle\";\nresult=\"0\";\nresponse=\"200\";\n");
        using var client = new InstarCameraClient(CameraCgiClientTests.Options(server.Address));

        var result = await client.TestFtpAsync();

        Assert.True(result.Succeeded);
        Assert.Equal("AAAAC3NzaC1lZDI1NTE5AAAAIHzXGgltq4a8PS6QH9u334FGdxJmEzQ0klKtUw+1iSle", result.HostKey);
    }

    [Theory]
    [InlineData(-1, FtpTestResultCode.CannotConnect, "can't connect to server")]
    [InlineData(-2, FtpTestResultCode.InvalidCredentials, "invalid credentials")]
    [InlineData(-3, FtpTestResultCode.PermissionOrBadPath, "permission error / bad path")]
    [InlineData(-4, FtpTestResultCode.Timeout, "timeout")]
    [InlineData(-5, FtpTestResultCode.ServerNotVerified, "server cannot be verified")]
    [InlineData(-6, FtpTestResultCode.Busy, "busy")]
    [InlineData(-7, FtpTestResultCode.InternalError, "internal error")]
    [InlineData(-8, FtpTestResultCode.UnknownError, "unknown error")]
    [InlineData(-9, FtpTestResultCode.TransferIncomplete, "transfer incomplete")]
    public async Task Testftp_failure_results_carry_their_documented_meaning(int code, FtpTestResultCode expected, string meaning)
    {
        await using var server = new CannedHttpServer(200, $"result=\"{code}\";");
        using var client = new InstarCameraClient(CameraCgiClientTests.Options(server.Address));

        var result = await client.TestFtpAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Code);
        Assert.Equal(meaning, result.Meaning);
        Assert.Null(result.HostKey);
    }

    [Fact]
    public async Task Public_key_is_the_cameras_key_line()
    {
        await using var camera = await CameraClients.StartAsync();
        using var client = CameraClients.Client(camera);

        var key = await client.GetPublicKeyAsync();

        Assert.StartsWith("ssh-rsa AAAA", key);
        Assert.Equal(camera.SshKey.PublicKeyLine, key);
    }

    [Fact]
    public async Task Upload_actions_round_trip_per_type_and_all_at_once()
    {
        await using var camera = await CameraClients.StartAsync();
        using var client = CameraClients.Client(camera);

        await client.SetFtpActionAsync(FtpUploadType.AlarmRecording, new FtpActionSettings(true, 60));
        var rec = await client.GetFtpActionAsync(FtpUploadType.AlarmRecording);
        var all = await client.GetFtpActionsAsync();

        Assert.Equal(new FtpActionSettings(true, 60), rec);
        Assert.Equal(new FtpActionSettings(false, 15), all[FtpUploadType.AlarmSnapshot]);
        Assert.Equal(new FtpActionSettings(false, 820), all[FtpUploadType.TimerSnapshot]);
        Assert.Contains("cmd=setftpaction&type=rec&enable=1&interval=60", camera.Requests.First(q => q.Contains("setftpaction", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Snapshot_count_schedule_and_deprecated_timer_round_trip()
    {
        await using var camera = await CameraClients.StartAsync();
        using var client = CameraClients.Client(camera);
        var schedule = new SnapshotScheduleSettings(true, true, "door", true, [SnapScheduleTime.Create(new TimeOnly(10, 0), ScheduleDays.Monday | ScheduleDays.Tuesday | ScheduleDays.Sunday), new SnapScheduleTime(0, ScheduleDays.Everyday)]);

        await client.SetSnapshotCountAsync(10);
        await client.SetSnapshotScheduleAsync(schedule);
        await client.SetSnapshotTimerAsync(new SnapshotTimerSettings(false, true, "instar"));

        Assert.Equal(10, await client.GetSnapshotCountAsync());
        var readSchedule = await client.GetSnapshotScheduleAsync();
        Assert.Equal(schedule.Times, readSchedule.Times);
        Assert.Equal("36000-67,0-127", camera.State.SnapSchedule["times"]);
        Assert.Equal(new SnapshotTimerSettings(false, true, "instar"), await client.GetSnapshotTimerAsync());
    }

    [Fact]
    public async Task Invalid_values_are_refused_before_anything_is_sent()
    {
        await using var camera = await CameraClients.StartAsync();
        using var client = CameraClients.Client(camera);
        var good = new CameraUploadTarget("127.0.0.1", 22, "cam", FtpTransferMode.Passive, "up", true, FtpDirectoryMode.DailyFolders, FtpEncryption.Sftp, true);

        await Assert.ThrowsAsync<CameraValueException>(() => client.SetSnapshotCountAsync(11));
        await Assert.ThrowsAsync<CameraValueException>(() => client.SetSnapshotCountAsync(0));
        await Assert.ThrowsAsync<CameraValueException>(() => client.SetFtpActionAsync(FtpUploadType.AlarmSnapshot, new FtpActionSettings(true, 0)));
        await Assert.ThrowsAsync<CameraValueException>(() => client.SetFtpActionAsync(FtpUploadType.AlarmSnapshot, new FtpActionSettings(true, 3601)));
        await Assert.ThrowsAsync<CameraValueException>(() => client.SetFtpSettingsAsync(good with { Port = 70000 }, "pw"));
        await Assert.ThrowsAsync<CameraValueException>(() => client.SetFtpSettingsAsync(good with { Server = "evil\"host" }, "pw"));
        await Assert.ThrowsAsync<CameraValueException>(() => client.SetFtpSettingsAsync(good with { Encryption = (FtpEncryption)7 }, "pw"));
        await Assert.ThrowsAsync<CameraValueException>(() => client.SetFtpSettingsAsync(good, "line\nbreak"));
        await Assert.ThrowsAsync<CameraValueException>(() => client.SetHostKeyAsync("not base64!"));

        Assert.Empty(camera.Requests);
    }

    [Theory]
    [InlineData("36000-1", 36000, ScheduleDays.Monday)]
    [InlineData("36000-67", 36000, ScheduleDays.Monday | ScheduleDays.Tuesday | ScheduleDays.Sunday)]
    [InlineData("86340-127", 86340, ScheduleDays.Everyday)]
    public void Schedule_entries_parse_seconds_and_weekday_mask(string text, int seconds, ScheduleDays days)
    {
        var entry = SnapScheduleTime.Parse(text);

        Assert.Equal(new SnapScheduleTime(seconds, days), entry);
        Assert.Equal(text, entry.ToString());
    }

    [Theory]
    [InlineData("86400-1")]
    [InlineData("36000-0")]
    [InlineData("36000-128")]
    [InlineData("36030-1")]
    [InlineData("10:00-1")]
    public void Invalid_schedule_entries_are_refused(string text)
    {
        Assert.Throws<CameraValueException>(() => SnapScheduleTime.Parse(text));
    }
}
