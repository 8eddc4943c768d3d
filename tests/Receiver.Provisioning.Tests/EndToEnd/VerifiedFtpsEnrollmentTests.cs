using CameraEmulator;
using Receiver.Provisioning.Tests.Support;

namespace Receiver.Provisioning.Tests.EndToEnd;

/// <summary>receiver --enroll with --verify-certificate against a receiver whose FTPS certificate the camera trusts.</summary>
public class VerifiedFtpsEnrollmentTests
{
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
}
