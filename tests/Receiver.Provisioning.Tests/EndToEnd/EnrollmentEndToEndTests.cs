using CameraEmulator;
using Receiver.Provisioning.Tests.Support;

namespace Receiver.Provisioning.Tests.EndToEnd;

/// <summary>receiver --enroll against the camera emulator and a running receiver, as a user runs it.</summary>
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
}
