using Receiver.Abstractions;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;
using Receiver.Provisioning.Workflow;

namespace Receiver.Provisioning.Tests.Enrollment;

/// <summary>An in-memory camera whose testftp answers are scripted, each with what the receiver's journal records.</summary>
internal sealed class FakeCamera(FakeJournal journal) : IInstarCamera
{
    public static readonly CameraUploadTarget Original = new("192.168.2.111", 21, "admin", FtpTransferMode.Passive, "./hello", true, FtpDirectoryMode.DailyFolders, FtpEncryption.Ftps, true);

    public CameraAddress Address { get; } = CameraAddress.Parse("192.168.2.168");

    public CameraUploadTarget Settings { get; set; } = Original;

    public string Password { get; set; } = "old-password";

    public string PinnedHostKey { get; set; } = string.Empty;

    public Dictionary<FtpUploadType, FtpActionSettings> Actions { get; } = new()
    {
        [FtpUploadType.AlarmRecording] = new(false, 0),
        [FtpUploadType.AlarmSnapshot] = new(false, 15),
        [FtpUploadType.TimerSnapshot] = new(false, 820),
    };

    public int SnapshotCount { get; set; } = 5;

    public Queue<(FtpTestResult Result, SessionOutcome[] Records)> Tests { get; } = new();

    public int Writes { get; private set; }

    public Exception? FailSnapshotCount { get; set; }

    public Task<CameraUploadTarget> GetFtpSettingsAsync(CancellationToken cancellationToken = default) => Task.FromResult(Settings);

    public Task SetFtpSettingsAsync(CameraUploadTarget settings, string? password, CancellationToken cancellationToken = default)
    {
        Writes++;
        Settings = settings;
        Password = password ?? Password;
        return Task.CompletedTask;
    }

    public Task<FtpTestResult> TestFtpAsync(CancellationToken cancellationToken = default)
    {
        var (result, records) = Tests.Dequeue();
        journal.Records.AddRange(records.Select(r => r with { Time = DateTimeOffset.UtcNow }));
        return Task.FromResult(result);
    }

    public Task SetHostKeyAsync(string hostKeyBase64, CancellationToken cancellationToken = default)
    {
        Writes++;
        PinnedHostKey = hostKeyBase64;
        return Task.CompletedTask;
    }

    public Task<string> GetPublicKeyAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCXJCU3A2tEkv1w6d5UfgTQpoZfwwuvu3Y8zUuC63qw9 instar-camera");

    public Task<FtpActionSettings> GetFtpActionAsync(FtpUploadType type, CancellationToken cancellationToken = default) => Task.FromResult(Actions[type]);

    public Task SetFtpActionAsync(FtpUploadType type, FtpActionSettings settings, CancellationToken cancellationToken = default)
    {
        Writes++;
        Actions[type] = settings;
        return Task.CompletedTask;
    }

    public Task<int> GetSnapshotCountAsync(CancellationToken cancellationToken = default) => Task.FromResult(SnapshotCount);

    public Task SetSnapshotCountAsync(int snapshotCount, CancellationToken cancellationToken = default)
    {
        Writes++;
        if (FailSnapshotCount is not null)
        {
            throw FailSnapshotCount;
        }

        SnapshotCount = snapshotCount;
        return Task.CompletedTask;
    }
}

internal sealed class FakeJournal : ISessionOutcomes
{
    public List<SessionOutcome> Records { get; } = [];

    public IReadOnlyList<SessionOutcome> Since(DateTimeOffset since) => [.. Records.Where(r => r.Time >= since)];

    public static SessionOutcome Record(SessionEventKind kind, string? user, string detail = "") =>
        new(DateTimeOffset.UtcNow, "sftp", "s1", "127.0.0.1", kind, user, detail);
}

internal sealed class FakeAccounts : IReceiverAccounts
{
    public Dictionary<string, (bool Enabled, List<string> Keys, bool Sha1)> Accounts { get; } = [];

    public Task<EnrollmentAccount> CreateOrRotateAsync(string name, UploadProtocol protocol, CancellationToken cancellationToken)
    {
        var existed = Accounts.ContainsKey(name);
        Accounts[name] = (true, existed ? Accounts[name].Keys : [], false);
        return Task.FromResult(new EnrollmentAccount(name, "Abc123def456", existed));
    }

    public Task AddAuthorizedKeyAsync(string name, string publicKeyLine, CancellationToken cancellationToken)
    {
        Accounts[name].Keys.Add(publicKeyLine);
        return Task.CompletedTask;
    }

    public Task AllowSshRsaSha1Async(string name, CancellationToken cancellationToken)
    {
        Accounts[name] = Accounts[name] with { Sha1 = true };
        return Task.CompletedTask;
    }

    public Task DisableAsync(string name, CancellationToken cancellationToken)
    {
        Accounts[name] = Accounts[name] with { Enabled = false };
        return Task.CompletedTask;
    }
}

internal sealed class FakeIdentity : IReceiverIdentity
{
    public const string Key = "AAAAC3NzaC1lZDI1NTE5AAAAIHzXGgltq4a8PS6QH9u334FGdxJmEzQ0klKtUw+1iSle";

    public string HostKeyBase64 => Key;

    public string HostKeyFingerprint => SshKeyFingerprint.OfBlob(Key);
}

internal sealed class FakeService(bool running) : IReceiverService
{
    public Task<ServiceStatus> CheckAsync(UploadProtocol protocol, CancellationToken cancellationToken) =>
        Task.FromResult(running
            ? new ServiceStatus(true, "sftp port 2222 answers")
            : new ServiceStatus(false, "nothing answers on sftp port 2222; start it with 'systemctl start receiver'"));
}
