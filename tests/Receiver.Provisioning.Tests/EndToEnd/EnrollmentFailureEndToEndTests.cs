using CameraEmulator;
using Receiver.Provisioning.Tests.Support;

namespace Receiver.Provisioning.Tests.EndToEnd;

/// <summary>receiver --enroll failures: each ends with a clear message, exit code 1 and the camera as it was.</summary>
public class EnrollmentFailureEndToEndTests : ReceiverAndCameraTests
{
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
