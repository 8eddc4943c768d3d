using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Abstractions;
using Receiver.Ssh.Keys;

namespace Receiver.Ssh.Tests.Support;

/// <summary>An SSH server on a free loopback port with test accounts and an echo "sftp" subsystem by default.</summary>
internal sealed class TestServer(SshServer server, TestAuthenticator authenticator, RecordingEventSink events) : IAsyncDisposable
{
    public static readonly SshHostKey Ed25519HostKey = SshHostKey.GenerateEd25519();
    public static readonly SshHostKey RsaHostKey = SshHostKey.GenerateRsa(2048);

    public SshServer Server { get; } = server;

    public TestAuthenticator Authenticator { get; } = authenticator;

    public RecordingEventSink Events { get; } = events;

    /// <summary>The client side's files (keys, files to upload), removed with the server.</summary>
    public TempFolder Scratch { get; } = new("receiver-ssh-");

    public int Port => Server.BoundEndPoints[0].Port;

    public static async Task<TestServer> StartAsync(Action<SshServerOptions>? configure = null, ILogger? logger = null)
    {
        var authenticator = new TestAuthenticator();
        var events = new RecordingEventSink();
        var options = new SshServerOptions
        {
            ListenAddresses = [IPAddress.Loopback],
            Port = 0,
            HostKeys = [Ed25519HostKey, RsaHostKey],
            Authenticator = authenticator,
            Events = events,
            SftpSubsystem = EchoAsync,
        };
        configure?.Invoke(options);
        var server = new SshServer(options, logger ?? NullLogger.Instance);
        await server.StartAsync();
        return new TestServer(server, authenticator, events);
    }

    /// <summary>A server with the real SFTP subsystem: every login works in the test storage.</summary>
    public static async Task<TestServer> StartSftpAsync(Sftp.TestCameraStorage storage, Action<SshServerOptions> configure)
    {
        var server = await StartAsync(o =>
        {
            o.SftpSubsystem = Receiver.Ssh.Sftp.SftpSubsystem.Create();
            configure(o);
        });
        server.Authenticator.FileSystemFactory = _ => storage.Open();
        return server;
    }

    /// <summary>A stand-in subsystem: echoes everything back until the client's EOF.</summary>
    public static async Task EchoAsync(SshSessionContext session, Stream channel, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        int n;
        while ((n = await channel.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await channel.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Scratch.Dispose();
    }
}

/// <summary>Accounts for tests: passwords and authorized keys per user; every login gets a dummy file system.</summary>
internal sealed class TestAuthenticator : ISshAuthenticator
{
    public ConcurrentDictionary<string, string> Passwords { get; } = new() { ["camera"] = "secret-pass" };

    public ConcurrentDictionary<string, List<SshPublicKey>> Keys { get; } = new();

    public ConcurrentDictionary<string, bool> Sha1Allowed { get; } = new();

    public Func<string, ISessionFileSystem> FileSystemFactory { get; set; } = user => new NullFileSystem(user);

    public SshAuthResult CheckPassword(SshAuthRequest request, string password) =>
        Passwords.TryGetValue(request.User, out var expected) && expected == password
            ? SshAuthResult.Success(FileSystemFactory(request.User))
            : SshAuthResult.Failure("wrong password");

    public SshAuthResult CheckPublicKey(SshAuthRequest request, SshPublicKey key, string signatureAlgorithm, SshKeyCheck check)
    {
        if (check == SshKeyCheck.SignatureInvalid || !Keys.TryGetValue(request.User, out var keys) || !keys.Any(k => k.SameKeyAs(key)))
        {
            return SshAuthResult.Failure("key not authorized");
        }

        return check == SshKeyCheck.SignatureVerified ? SshAuthResult.Success(FileSystemFactory(request.User)) : SshAuthResult.KeyAcceptable();
    }

    public bool AllowsSha1RsaSignatures(SshAuthRequest request) => Sha1Allowed.GetValueOrDefault(request.User);

    public void AddKey(string user, SshPublicKey key) => Keys.GetOrAdd(user, _ => []).Add(key);
}

internal sealed class RecordingEventSink : ISessionEventSink
{
    private readonly ConcurrentQueue<SessionEvent> _events = new();

    public IReadOnlyList<SessionEvent> All => [.. _events];

    public void Publish(SessionEvent sessionEvent) => _events.Enqueue(sessionEvent);

    /// <summary>Waits (with a timeout) until an event matching the predicate was published.</summary>
    public async Task<SessionEvent> WaitForAsync(Func<SessionEvent, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var match = _events.FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("Expected session event not published. Seen: " + string.Join("; ", _events.Select(e => $"{e.Kind} {e.Detail}")));
    }
}

/// <summary>A file system for sessions that never touch files (transport and auth tests).</summary>
internal sealed class NullFileSystem(string account) : ISessionFileSystem
{
    public string AccountName => account;

    public FileEntry Stat(string path) => throw Denied();

    public IReadOnlyList<FileEntry> ListDirectory(string path) => throw Denied();

    public void CreateDirectory(string path) => throw Denied();

    public void RemoveDirectory(string path) => throw Denied();

    public void DeleteFile(string path) => throw Denied();

    public void Rename(string sourcePath, string targetPath, bool replaceExisting) => throw Denied();

    public void SetLastWriteTime(string path, DateTimeOffset lastWriteTime) => throw Denied();

    public IUpload BeginUpload(string path, long keepExistingBytes = 0) => throw Denied();

    public IFileReader OpenRead(string path) => throw Denied();

    public ValueTask<CommittedUpload> CommitUploadAsync(IUpload upload, CancellationToken cancellationToken = default) => throw Denied();

    public DiskSpace GetDiskSpace() => new(0, 0, 0, 4096);

    private static FileSystemException Denied() => new(FileSystemError.PermissionDenied, "Not available in this test.");
}
