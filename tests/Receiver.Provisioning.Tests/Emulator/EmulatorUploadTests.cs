using CameraEmulator;
using Receiver.Abstractions;
using Receiver.Ssh.Keys;
using Receiver.Provisioning.Tests.Support;

namespace Receiver.Provisioning.Tests.Emulator;

/// <summary>The emulator's uploads (curl + libssh2, like the camera) against the project's own servers.</summary>
public class EmulatorUploadTests : CameraTests
{
    private void Configure(int port, int ssl, bool insecure, string password = LibraryServers.Password, bool passive = true)
    {
        lock (Camera.State.Gate)
        {
            Camera.State.Ftp["ft_server"] = "127.0.0.1";
            Camera.State.Ftp["ft_port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Camera.State.Ftp["ft_username"] = LibraryServers.User;
            Camera.State.Ftp["ft_dirname"] = "./";
            Camera.State.Ftp["ft_dirmode"] = "0";
            Camera.State.Ftp["ft_mode"] = passive ? "1" : "0";
            Camera.State.Ftp["ft_ssl"] = ssl.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Camera.State.Ftp["ft_insecure"] = insecure ? "1" : "0";
            Camera.State.FtpPassword = password;
        }
    }

    /// <summary>Starts the server that the camera's ft_ssl value names (2: sFTP, 0 or 1: FTP) and points the camera at it.</summary>
    private async Task PointCameraAtAsync(LibraryServers servers, int ssl, bool insecure, string password = LibraryServers.Password, bool passive = true)
    {
        if (ssl == 2)
        {
            await servers.StartSftpAsync();
        }
        else
        {
            await servers.StartFtpAsync();
        }

        Configure(ssl == 2 ? servers.SftpPort : servers.FtpPort, ssl, insecure, password, passive);
    }

    /// <summary>The camera's test upload of a snapshot, logging in with its password (or its key where the server takes it).</summary>
    private Task<UploadOutcome> UploadSnapshotAsync() => Camera.UploadAsync(TestSnapshot.FileName, TestSnapshot.Create(), keyOnly: false);

    [Fact]
    public async Task Sftp_test_logs_in_with_the_cameras_key_reports_the_host_key_and_honours_the_pin()
    {
        await using var servers = new LibraryServers();
        servers.AuthorizedKey = SshPublicKey.ParseAuthorizedKey(Camera.SshKey.PublicKeyLine);

        // libssh2 1.10 signs RSA user-auth with ssh-rsa (SHA-1) only, as cameras do.
        servers.AllowSha1 = true;
        await PointCameraAtAsync(servers, ssl: 2, insecure: true, password: "not-the-password");

        var first = await UploadSnapshotAsync();
        Camera.State.PinnedHostKey = servers.HostKey.PublicKey.Base64;
        Camera.State.Ftp["ft_insecure"] = "0";
        var pinned = await Camera.UploadAsync("A.jpeg", TestSnapshot.Create(), keyOnly: true);
        Camera.State.PinnedHostKey = SshHostKey.GenerateEd25519().PublicKey.Base64;
        var wrongPin = await Camera.UploadAsync("B.jpeg", TestSnapshot.Create(), keyOnly: true);

        Assert.True(first.Result == 0, first.Diagnostics + string.Join("\n", servers.Events.Select(e => $"{e.Kind} {e.User} {e.Detail}")));
        Assert.Equal(servers.HostKey.PublicKey.Base64, first.HostKey);
        Assert.True(pinned.Result == 0, pinned.Diagnostics);
        Assert.Equal(-5, wrongPin.Result);
        Assert.Contains(servers.Events, e => e.Kind == SessionEventKind.LoginSucceeded && e.Detail.Contains("publickey", StringComparison.Ordinal));
        Assert.Equal(2, servers.Files().Count);
    }

    [Fact]
    public async Task Sftp_key_signed_with_sha1_is_refused_unless_allowed_and_the_camera_falls_back_to_its_password()
    {
        await using var servers = new LibraryServers();
        servers.AuthorizedKey = SshPublicKey.ParseAuthorizedKey(Camera.SshKey.PublicKeyLine);
        await PointCameraAtAsync(servers, ssl: 2, insecure: true);

        var outcome = await UploadSnapshotAsync();

        Assert.True(outcome.Result == 0, outcome.Diagnostics);
        Assert.Contains(servers.Events, e => e.Kind == SessionEventKind.LoginFailed && e.Detail.Contains("ssh-rsa", StringComparison.Ordinal));
        Assert.Contains(servers.Events, e => e.Kind == SessionEventKind.LoginSucceeded && e.Detail.StartsWith("password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sftp_without_an_authorized_key_falls_back_to_the_password_and_a_wrong_one_is_result_minus_2()
    {
        await using var servers = new LibraryServers();
        await PointCameraAtAsync(servers, ssl: 2, insecure: true);

        var withPassword = await UploadSnapshotAsync();
        Camera.State.FtpPassword = "wrong";
        var wrong = await UploadSnapshotAsync();

        Assert.True(withPassword.Result == 0, withPassword.Diagnostics);
        Assert.Equal(-2, wrong.Result);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public async Task Ftp_and_ftps_uploads_passive_and_active(int ssl, bool passive)
    {
        await using var servers = new LibraryServers();
        await PointCameraAtAsync(servers, ssl, insecure: true, passive: passive);

        var outcome = await UploadSnapshotAsync();

        Assert.True(outcome.Result == 0, outcome.Diagnostics);
        Assert.Single(servers.Files());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public async Task A_camera_that_makes_its_own_date_folders_gets_them_inside_the_day_folder_and_finds_its_upload_there(int ssl)
    {
        await using var servers = new LibraryServers();
        await PointCameraAtAsync(servers, ssl, insecure: true);
        lock (Camera.State.Gate)
        {
            Camera.State.Ftp["ft_dirname"] = "./alarm";
            Camera.State.Ftp["ft_dirmode"] = "1"; // one yyyyMMdd folder per day, made by the camera (--ftp-create-dirs)
        }

        var outcome = await UploadSnapshotAsync();

        Assert.True(outcome.Result == 0, outcome.Diagnostics);
        var file = Assert.Single(servers.Files());
        var parts = file.Split('/');
        Assert.Equal(4, parts.Length); // <yyyy-MM-dd>/alarm/<yyyyMMdd>/<file>: the camera's own folders inside the day
        Assert.Equal(parts[0].Replace("-", "", StringComparison.Ordinal), parts[2]);
        Assert.Equal(["alarm", TestSnapshot.FileName], new[] { parts[1], parts[3] });
        if (ssl == 0)
        {
            var listing = await Receiver.Testing.ExternalProcess.CurlAsync("--list-only", $"ftp://{LibraryServers.User}:{LibraryServers.Password}@127.0.0.1:{servers.FtpPort}/alarm/{parts[2]}/");
            Assert.True(listing.ExitCode == 0, listing.Describe());
            Assert.Equal(TestSnapshot.FileName, listing.StandardOutput.Trim());
        }
    }

    [Fact]
    public async Task Ftps_with_verification_on_refuses_a_self_signed_certificate_as_result_minus_5()
    {
        await using var servers = new LibraryServers();
        await PointCameraAtAsync(servers, ssl: 1, insecure: false);

        var outcome = await UploadSnapshotAsync();

        Assert.Equal(-5, outcome.Result);
        Assert.Empty(servers.Files());
    }

    [Fact]
    public async Task Nothing_listening_is_result_minus_1()
    {
        var port = FreePort.Get();
        Configure(port, ssl: 2, insecure: true);

        var outcome = await UploadSnapshotAsync();

        Assert.Equal(-1, outcome.Result);
        Assert.Null(outcome.HostKey);
    }
}
