using Receiver.Abstractions;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;
using Receiver.Provisioning.Workflow;
using static Receiver.Provisioning.Tests.Enrollment.FakeJournal;

namespace Receiver.Provisioning.Tests.Enrollment;

public class EnrollmentWorkflowTests
{
    private const string Name = "door";
    private readonly FakeJournal _journal = new();
    private readonly FakeAccounts _accounts = new();
    private readonly FakeCamera _camera;
    private readonly StringWriter _output = new();

    public EnrollmentWorkflowTests()
    {
        _camera = new FakeCamera(_journal);
    }

    private static (FtpTestResult, SessionOutcome[]) Arrived(string? hostKey = FakeIdentity.Key) =>
        (new FtpTestResult(0, hostKey), [Record(SessionEventKind.Connected, null), Record(SessionEventKind.LoginSucceeded, Name, "publickey rsa-sha2-256"), Record(SessionEventKind.UploadCompleted, Name, "/Test-Snapshot.jpeg")]);

    private static EnrollmentRequest Request(UploadProtocol protocol = UploadProtocol.Sftp) => new()
    {
        CameraName = Name,
        Protocol = protocol,
        ReceiverAddress = "192.168.2.10",
        ReceiverPort = 2222,
        ArrivalTimeout = TimeSpan.FromSeconds(1),
        FailureGrace = TimeSpan.FromMilliseconds(10),
    };

    private Task<EnrollmentResult> RunAsync(EnrollmentRequest request, bool serviceRunning = true) =>
        new EnrollmentWorkflow(_camera, _accounts, new FakeIdentity(), _journal, new FakeService(serviceRunning), TimeProvider.System, _output)
            .RunAsync(request);

    [Fact]
    public async Task Sftp_enrollment_pins_both_keys_and_ends_verified()
    {
        _camera.Tests.Enqueue(Arrived());
        _camera.Tests.Enqueue(Arrived());

        var result = await RunAsync(Request());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new CameraUploadTarget("192.168.2.10", 2222, Name, FtpTransferMode.Passive, "./", true, FtpDirectoryMode.SingleDirectory, FtpEncryption.Sftp, false), _camera.Settings);
        Assert.Equal(FakeIdentity.Key, _camera.PinnedHostKey);
        Assert.Equal("Abc123def456", _camera.Password);
        Assert.StartsWith("ssh-rsa AAAA", Assert.Single(_accounts.Accounts[Name].Keys));
        var text = _output.ToString();
        Assert.Contains(new FakeIdentity().HostKeyFingerprint, text);
        Assert.Contains("publickey rsa-sha2-256", text);
        Assert.DoesNotContain("Abc123def456", text);
    }

    [Fact]
    public async Task A_different_host_key_stops_restores_the_camera_and_disables_the_account()
    {
        _camera.Tests.Enqueue(Arrived(hostKey: "AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));

        var result = await RunAsync(Request());

        Assert.Equal(EnrollmentOutcome.FailedRolledBack, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Host key mismatch", result.Message);
        Assert.Equal(FakeCamera.Original, _camera.Settings);
        Assert.Empty(_camera.PinnedHostKey);
        Assert.False(_accounts.Accounts[Name].Enabled);
        Assert.Contains("earlier FTP password cannot be read back", _output.ToString());
    }

    [Fact]
    public async Task A_refused_login_is_explained_from_both_sides()
    {
        _camera.Tests.Enqueue((new FtpTestResult(-2, FakeIdentity.Key), [Record(SessionEventKind.Connected, null), Record(SessionEventKind.LoginFailed, Name, "password: wrong password")]));

        var result = await RunAsync(Request());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("camera:   result -2 (invalid credentials)", result.Message);
        Assert.Contains("receiver: the camera's login as 'door' was refused: password: wrong password", result.Message);
        Assert.Equal(FakeCamera.Original, _camera.Settings);
    }

    [Fact]
    public async Task Nothing_arriving_points_at_the_advertised_address()
    {
        _camera.Tests.Enqueue((new FtpTestResult(-1, null), []));

        var result = await RunAsync(Request());

        Assert.Contains("result -1 (can't connect to server)", result.Message);
        Assert.Contains("no connection arrived at 192.168.2.10:2222", result.Message);
        Assert.Contains("--receiver-address", result.Message);
    }

    [Fact]
    public async Task Success_reported_by_the_camera_without_an_arrival_here_fails()
    {
        _camera.Tests.Enqueue((new FtpTestResult(0, FakeIdentity.Key), []));

        var result = await RunAsync(Request());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("did not record it for 'door'", result.Message);
    }

    [Fact]
    public async Task A_stopped_service_is_reported_first_and_nothing_changes()
    {
        var result = await RunAsync(Request(), serviceRunning: false);

        Assert.Equal(EnrollmentOutcome.FailedUnchanged, result.Outcome);
        Assert.Contains("systemctl start receiver", result.Message);
        Assert.Equal(0, _camera.Writes);
        Assert.Empty(_accounts.Accounts);
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_changes_nothing()
    {
        var result = await RunAsync(Request() with { DryRun = true, EnableUploads = [FtpUploadType.AlarmSnapshot] });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, _camera.Writes);
        Assert.Empty(_accounts.Accounts);
        var text = _output.ToString();
        Assert.Contains("ft_server         192.168.2.111 -> 192.168.2.10", text);
        Assert.Contains("ft_ssl            1 (FTPS) -> 2 (sFTP)", text);
        Assert.Contains("upload action 'snap': enable", text);
    }

    [Fact]
    public async Task Keep_on_failure_leaves_the_account_enabled()
    {
        _camera.Tests.Enqueue((new FtpTestResult(-1, null), []));

        await RunAsync(Request() with { KeepOnFailure = true });

        Assert.True(_accounts.Accounts[Name].Enabled);
        Assert.Equal(FakeCamera.Original, _camera.Settings);
    }

    [Fact]
    public async Task Plain_ftp_enrolls_without_pinning_and_switches_uploads_on()
    {
        _camera.Tests.Enqueue(Arrived(hostKey: null));

        var result = await RunAsync(Request(UploadProtocol.Ftp) with { EnableUploads = [FtpUploadType.AlarmRecording, FtpUploadType.AlarmSnapshot], SnapshotCount = 3 });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(FtpEncryption.None, _camera.Settings.Encryption);
        Assert.Empty(_camera.PinnedHostKey);
        Assert.Equal(new FtpActionSettings(true, 60), _camera.Actions[FtpUploadType.AlarmRecording]);
        Assert.Equal(new FtpActionSettings(true, 15), _camera.Actions[FtpUploadType.AlarmSnapshot]);
        Assert.Equal(3, _camera.SnapshotCount);
        Assert.Contains("plain FTP is neither encrypted nor authenticated", _output.ToString());
    }

    [Fact]
    public async Task A_failure_while_switching_uploads_on_puts_the_actions_back_too()
    {
        _camera.Tests.Enqueue(Arrived());
        _camera.Tests.Enqueue(Arrived());
        _camera.FailSnapshotCount = new CameraCommandException("setftpactionattr", 206);

        var result = await RunAsync(Request() with { EnableUploads = [FtpUploadType.AlarmSnapshot], SnapshotCount = 3 });

        Assert.Equal(EnrollmentOutcome.RollbackIncomplete, result.Outcome);
        Assert.Contains("response 206 (write config error)", result.Message);
        Assert.Equal(new FtpActionSettings(false, 15), _camera.Actions[FtpUploadType.AlarmSnapshot]);
        Assert.Equal(FakeCamera.Original, _camera.Settings);
        Assert.Contains("could not restore the snapshot count", _output.ToString());
    }

    [Fact]
    public async Task A_key_refused_for_sha1_only_is_allowed_for_this_account_when_asked()
    {
        _camera.Tests.Enqueue((new FtpTestResult(-2, FakeIdentity.Key), [Record(SessionEventKind.LoginFailed, Name, "publickey: ssh-rsa (SHA-1) signature not allowed")]));
        _camera.Tests.Enqueue(Arrived());
        _camera.Tests.Enqueue(Arrived());

        var result = await RunAsync(Request());

        Assert.Equal(0, result.ExitCode);
        Assert.True(_accounts.Accounts[Name].Sha1);
    }

    [Fact]
    public async Task Without_sha1_the_camera_falls_back_to_its_password_and_the_output_says_so()
    {
        (FtpTestResult, SessionOutcome[]) PasswordLogin() => (new FtpTestResult(0, FakeIdentity.Key),
            [Record(SessionEventKind.LoginFailed, Name, "publickey: signature algorithm ssh-rsa not allowed for ssh-rsa keys"), Record(SessionEventKind.LoginSucceeded, Name, "password"), Record(SessionEventKind.UploadCompleted, Name, "/Test-Snapshot.jpeg")]);
        _camera.Tests.Enqueue(PasswordLogin());
        _camera.Tests.Enqueue(PasswordLogin());

        var result = await RunAsync(Request() with { AllowSshRsaSha1 = false });

        Assert.Equal(0, result.ExitCode);
        Assert.False(_accounts.Accounts[Name].Sha1);
        Assert.Contains("logged in with its password instead", _output.ToString());
    }
}
