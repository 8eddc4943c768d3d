using CameraEmulator;
using Receiver.Provisioning.Tests.Support;

namespace Receiver.Provisioning.Tests.EndToEnd;

/// <summary>
/// receiver --enroll against the camera emulator and a running receiver, as a user runs it: the enrollments that
/// succeed, and the failures, each of which ends with a clear message, exit code 1 and the camera as it was.
/// </summary>
public class EnrollmentEndToEndTests : ReceiverAndCameraTests
{
    [Fact]
    public async Task Sftp_enrollment_pins_keys_both_ways_and_a_key_only_alarm_upload_lands_in_the_day_folder()
    {

        var (exit, output, error) = await Receiver.RunCliAsync(null, "--enroll", CameraClients.Url(Camera), "--name", "door", "--receiver-address", "127.0.0.1", "--enable", "snap,rec", "--snapcount", "3");

        Assert.True(exit == 0, output + error);
        var (ftp, _, pinned) = Camera.State.Snapshot();
        Assert.Equal(Receiver.HostKeyBase64, pinned);
        Assert.Equal("0", ftp["ft_insecure"]);
        Assert.Equal("2", ftp["ft_ssl"]);
        Assert.Equal("door", ftp["ft_username"]);
        Assert.Equal(Receiver.SftpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ftp["ft_port"]);
        Assert.Equal(("1", "15"), Camera.State.Actions["snap"]);
        Assert.Equal("3", Camera.State.SnapCount);
        var account = Receiver.Account("door");
        Assert.Contains(account.GetProperty("authorizedKeys").EnumerateArray(), k => k.GetString()!.Split(' ')[1] == Camera.SshKey.PublicKeyLine.Split(' ')[1]);
        Assert.True(File.Exists(Path.Combine(Receiver.DayFolder("door"), TestSnapshot.FileName)));
        Assert.Contains("Summary", output);
        Assert.Contains("pinned on the camera", output);
        Assert.Contains("publickey", output);

        var alarm = TestSnapshot.Create(8192);
        var upload = await Camera.UploadAsync("A_20261128_alarm.jpeg", alarm, keyOnly: true);

        Assert.True(upload.Result == 0, upload.Diagnostics);
        Assert.Equal(alarm, await File.ReadAllBytesAsync(Path.Combine(Receiver.DayFolder("door"), "A_20261128_alarm.jpeg")));
    }

    [Theory]
    [InlineData("ftps", "1")]
    [InlineData("ftp", "0")]
    public async Task Ftps_and_ftp_enrollment_ends_with_a_test_upload_that_arrived(string protocol, string ftSsl)
    {

        var (exit, output, error) = await Receiver.RunCliAsync(null, "--enroll", CameraClients.Url(Camera), "--name", "gate", "--protocol", protocol, "--receiver-address", "127.0.0.1");

        Assert.True(exit == 0, output + error);
        Assert.Equal(ftSsl, Camera.State.Ftp["ft_ssl"]);
        Assert.Equal(Receiver.FtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Camera.State.Ftp["ft_port"]);
        Assert.True(File.Exists(Path.Combine(Receiver.DayFolder("gate"), TestSnapshot.FileName)));
    }

    [Fact]
    public async Task Re_enrolling_rotates_the_password_and_keeps_the_folder()
    {
        var first = await Receiver.RunCliAsync(null, "--enroll", CameraClients.Url(Camera), "--name", "door", "--protocol", "ftp", "--receiver-address", "127.0.0.1");
        var firstPassword = Camera.State.FtpPassword;

        var second = await Receiver.RunCliAsync(null, "--enroll", CameraClients.Url(Camera), "--name", "door", "--protocol", "ftp", "--receiver-address", "127.0.0.1");

        Assert.True(first.Exit == 0 && second.Exit == 0, first.Out + second.Out + second.Error);
        Assert.NotEqual(firstPassword, Camera.State.FtpPassword);
        Assert.Contains("password rotated, folder and uploads kept", second.Out);
        Assert.DoesNotContain(Camera.State.FtpPassword, second.Out + second.Error);
        Assert.True(File.Exists(Path.Combine(Receiver.DayFolder("door"), TestSnapshot.FileName)));
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_changes_nothing()
    {
        var before = Camera.State.Snapshot();

        var (exit, output, _) = await Receiver.RunCliAsync(null, "--enroll", CameraClients.Url(Camera), "--dry-run", "--receiver-address", "127.0.0.1");

        Assert.Equal(0, exit);
        Assert.Contains("ft_server         192.168.2.111 -> 127.0.0.1", output);
        Assert.Contains("as 'cam-127-0-0-1'", output);
        Assert.Equal(before.Ftp, Camera.State.Snapshot().Ftp);
        Assert.False(File.Exists(Path.Combine(Receiver.Root, ".receiver", "accounts.json")));
    }

    [Fact]
    public async Task Wrong_camera_password_changes_nothing_and_says_so()
    {
        var before = Camera.State.Snapshot();

        var (exit, output, error) = await Receiver.RunCliAsync("wrong-pass\n", "--enroll", $"127.0.0.1:{Camera.Port}", "--camera-user", "admin", "--camera-password-stdin", "--receiver-address", "127.0.0.1");

        Assert.Equal(1, exit);
        Assert.Contains("rejected the user 'admin' and its password (HTTP 401)", error);
        Assert.Contains("Nothing was changed", error);
        Assert.DoesNotContain("wrong-pass", output + error);
        Assert.Equal(before.Ftp, Camera.State.Snapshot().Ftp);
    }

    [Fact]
    public async Task Verifying_the_self_signed_ftps_certificate_fails_the_verified_test_and_puts_the_camera_back()
    {
        var before = Camera.State.Snapshot();

        var (exit, output, error) = await Receiver.RunCliAsync(null, "--enroll", CameraClients.Url(Camera), "--name", "gate", "--protocol", "ftps", "--verify-certificate", "--receiver-address", "127.0.0.1");

        Assert.True(exit == 1, output + error);
        Assert.Contains("Test upload, verified (testftp with ft_insecure=0)", output);
        Assert.Contains("the camera did not accept the server's certificate", error);
        Assert.Contains("the camera refused the receiver's certificate", error);
        Assert.Contains("Putting the camera's earlier settings back", output + error);
        Assert.Equal(before.Ftp["ft_insecure"], Camera.State.Snapshot().Ftp["ft_insecure"]);
        Assert.Equal(before.Ftp["ft_server"], Camera.State.Snapshot().Ftp["ft_server"]);
    }

    [Fact]
    public async Task Unreachable_camera_is_reported_with_its_address()
    {
        var port = FreePort.Get();

        var (exit, _, error) = await Receiver.RunCliAsync(null, "--enroll", $"http://admin:instar@127.0.0.1:{port}", "--receiver-address", "127.0.0.1");

        Assert.Equal(1, exit);
        Assert.Contains($"The camera at http://127.0.0.1:{port} refused the connection", error);
    }

    [Fact]
    public async Task Wrong_advertised_address_is_diagnosed_and_the_earlier_settings_are_restored()
    {
        var before = Camera.State.Snapshot();
        var nobody = FreePort.Get();

        var (exit, output, error) = await Receiver.RunCliAsync(null, "--enroll", CameraClients.Url(Camera), "--name", "door", "--receiver-address", "127.0.0.1", "--receiver-port", nobody.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(exit == 1, output + error);
        Assert.Contains("result -1 (can't connect to server)", output);
        Assert.Contains($"no connection arrived at 127.0.0.1:{nobody}", output);
        Assert.Contains("earlier settings were restored", error);
        Assert.Equal(before.Ftp, Camera.State.Snapshot().Ftp);
        Assert.False(Receiver.Account("door").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task A_different_ssh_server_answering_is_a_host_key_mismatch_and_nothing_is_pinned()
    {
        await using var impostor = new LibraryServers();
        await impostor.StartSftpAsync();
        var before = Camera.State.Snapshot();

        var (exit, output, error) = await Receiver.RunCliAsync(null, "--enroll", CameraClients.Url(Camera), "--name", "door", "--receiver-address", "127.0.0.1", "--receiver-port", impostor.SftpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, exit);
        Assert.Contains("Host key mismatch", output);
        Assert.Contains(impostor.HostKey.PublicKey.Sha256Fingerprint, output);
        Assert.Equal(before.Ftp, Camera.State.Snapshot().Ftp);
        Assert.Equal(before.PinnedHostKey, Camera.State.PinnedHostKey);
        Assert.False(Receiver.Account("door").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Ftp_pointed_at_the_sftp_port_is_diagnosed_as_the_wrong_port()
    {
        // A camera of its own that gives up a transfer after 3 s: the wrong port never answers FTP.
        await using var camera = await CameraClients.StartAsync(new EmulatedCameraOptions { TransferTimeout = TimeSpan.FromSeconds(3) });
        var before = camera.State.Snapshot();

        var (exit, output, error) = await Receiver.RunCliAsync(null, "--enroll", CameraClients.Url(camera), "--name", "door", "--protocol", "ftp", "--receiver-address", "127.0.0.1", "--receiver-port", Receiver.SftpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, exit);
        Assert.Contains("arrived at the receiver's sFTP server, but it was set up for FTP", output);
        Assert.Contains("earlier settings were restored", error);
        Assert.Equal(before.Ftp, camera.State.Snapshot().Ftp);
    }
}
