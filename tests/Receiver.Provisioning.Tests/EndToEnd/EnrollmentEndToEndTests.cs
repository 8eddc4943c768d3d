using CameraEmulator;
using Receiver.Provisioning.Tests.Support;

namespace Receiver.Provisioning.Tests.EndToEnd;

/// <summary>receiver --enroll against the camera emulator and a running receiver, as a user runs it.</summary>
public class EnrollmentEndToEndTests
{
    [Fact]
    public async Task Sftp_enrollment_pins_keys_both_ways_and_a_key_only_alarm_upload_lands_in_the_day_folder()
    {
        await using var receiver = await RunningReceiver.StartAsync();
        await using var camera = await CameraClients.StartAsync();

        var (exit, output, error) = await receiver.RunCliAsync(null, "--enroll", CameraClients.Url(camera), "--name", "door", "--receiver-address", "127.0.0.1", "--enable", "snap,rec", "--snapcount", "3");

        Assert.True(exit == 0, output + error);
        var (ftp, _, pinned) = camera.State.Snapshot();
        Assert.Equal(receiver.HostKeyBase64, pinned);
        Assert.Equal("0", ftp["ft_insecure"]);
        Assert.Equal("2", ftp["ft_ssl"]);
        Assert.Equal("door", ftp["ft_username"]);
        Assert.Equal(receiver.SftpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ftp["ft_port"]);
        Assert.Equal(("1", "15"), camera.State.Actions["snap"]);
        Assert.Equal("3", camera.State.SnapCount);
        var account = receiver.Account("door");
        Assert.Contains(account.GetProperty("authorizedKeys").EnumerateArray(), k => k.GetString()!.Split(' ')[1] == camera.SshKey.PublicKeyLine.Split(' ')[1]);
        Assert.True(File.Exists(Path.Combine(receiver.DayFolder("door"), TestSnapshot.FileName)));
        Assert.Contains("Summary", output);
        Assert.Contains("pinned on the camera", output);
        Assert.Contains("publickey", output);

        var alarm = TestSnapshot.Create(8192);
        var upload = await camera.UploadAsync("A_20261128_alarm.jpeg", alarm, keyOnly: true);

        Assert.True(upload.Result == 0, upload.Diagnostics);
        Assert.Equal(alarm, await File.ReadAllBytesAsync(Path.Combine(receiver.DayFolder("door"), "A_20261128_alarm.jpeg")));
    }

    [Theory]
    [InlineData("ftps", "1")]
    [InlineData("ftp", "0")]
    public async Task Ftps_and_ftp_enrollment_ends_with_a_test_upload_that_arrived(string protocol, string ftSsl)
    {
        await using var receiver = await RunningReceiver.StartAsync();
        await using var camera = await CameraClients.StartAsync();

        var (exit, output, error) = await receiver.RunCliAsync(null, "--enroll", CameraClients.Url(camera), "--name", "gate", "--protocol", protocol, "--receiver-address", "127.0.0.1");

        Assert.True(exit == 0, output + error);
        Assert.Equal(ftSsl, camera.State.Ftp["ft_ssl"]);
        Assert.Equal(receiver.FtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), camera.State.Ftp["ft_port"]);
        Assert.True(File.Exists(Path.Combine(receiver.DayFolder("gate"), TestSnapshot.FileName)));
    }

    [Fact]
    public async Task Ftps_with_verify_certificate_and_a_certificate_the_camera_trusts_ends_verified()
    {
        using var authority = new TestCertificateAuthority();
        await using var receiver = await RunningReceiver.StartAsync(new Dictionary<string, string?>
        {
            ["Ftps:CertificatePath"] = authority.CertificateFile,
            ["Ftps:KeyPath"] = authority.KeyFile,
        });
        await using var camera = await CameraClients.StartAsync(new EmulatedCameraOptions { TrustedCaFile = authority.CaFile });

        var (exit, output, error) = await receiver.RunCliAsync(null, "--enroll", CameraClients.Url(camera), "--name", "gate", "--protocol", "ftps", "--verify-certificate", "--receiver-address", "127.0.0.1");

        Assert.True(exit == 0, output + error);
        Assert.Equal("1", camera.State.Ftp["ft_ssl"]);
        Assert.Equal("0", camera.State.Ftp["ft_insecure"]);
        Assert.Contains("passed with verification on (ft_insecure=0)", output);
        Assert.True(File.Exists(Path.Combine(receiver.DayFolder("gate"), TestSnapshot.FileName)));
    }

    [Fact]
    public async Task Re_enrolling_rotates_the_password_and_keeps_the_folder()
    {
        await using var receiver = await RunningReceiver.StartAsync();
        await using var camera = await CameraClients.StartAsync();
        var first = await receiver.RunCliAsync(null, "--enroll", CameraClients.Url(camera), "--name", "door", "--protocol", "ftp", "--receiver-address", "127.0.0.1");
        var firstPassword = camera.State.FtpPassword;

        var second = await receiver.RunCliAsync(null, "--enroll", CameraClients.Url(camera), "--name", "door", "--protocol", "ftp", "--receiver-address", "127.0.0.1");

        Assert.True(first.Exit == 0 && second.Exit == 0, first.Out + second.Out + second.Error);
        Assert.NotEqual(firstPassword, camera.State.FtpPassword);
        Assert.Contains("password rotated, folder and uploads kept", second.Out);
        Assert.DoesNotContain(camera.State.FtpPassword, second.Out + second.Error);
        Assert.True(File.Exists(Path.Combine(receiver.DayFolder("door"), TestSnapshot.FileName)));
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_changes_nothing()
    {
        await using var receiver = await RunningReceiver.StartAsync();
        await using var camera = await CameraClients.StartAsync();
        var before = camera.State.Snapshot();

        var (exit, output, _) = await receiver.RunCliAsync(null, "--enroll", CameraClients.Url(camera), "--dry-run", "--receiver-address", "127.0.0.1");

        Assert.Equal(0, exit);
        Assert.Contains("ft_server         192.168.2.111 -> 127.0.0.1", output);
        Assert.Contains("as 'cam-127-0-0-1'", output);
        Assert.Equal(before.Ftp, camera.State.Snapshot().Ftp);
        Assert.False(File.Exists(Path.Combine(receiver.Root, ".receiver", "accounts.json")));
    }
}
