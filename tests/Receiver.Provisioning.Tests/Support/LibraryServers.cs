using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Ftp;
using Receiver.Ssh;
using Receiver.Ssh.Keys;
using Receiver.Ssh.Sftp;
using Receiver.Storage;

namespace Receiver.Provisioning.Tests.Support;

/// <summary>
/// The project's own sFTP and FTP/FTPS servers on 127.0.0.1 with one account ("cam1", a password and optionally
/// one authorized key) over the host's CameraStorage: the far end for the camera emulator's own tests.
/// </summary>
internal sealed class LibraryServers : IAsyncDisposable, ISessionEventSink, ISshAuthenticator, IFtpAuthenticator
{
    public const string User = "cam1";
    public const string Password = "Secret123";

    private readonly CameraStorage _storage;
    private readonly CameraAccount _account = new() { Name = User };
    private SshServer? _ssh;
    private FtpServer? _ftp;

    public LibraryServers()
    {
        Root = Path.Combine(Path.GetTempPath(), "prov-lib-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(Root, User));
        _storage = new CameraStorage(Root);
    }

    public string Root { get; }

    public SshPublicKey? AuthorizedKey { get; set; }

    public SshHostKey HostKey { get; } = SshHostKey.GenerateEd25519();

    public ConcurrentQueue<SessionEvent> Events { get; } = new();

    public int SftpPort => _ssh!.BoundEndPoints[0].Port;

    public int FtpPort => _ftp!.ControlEndPoints[0].Port;

    public async Task StartSftpAsync()
    {
        _ssh = new SshServer(
            new SshServerOptions
            {
                ListenAddresses = [IPAddress.Loopback],
                Port = 0,
                HostKeys = [HostKey],
                Authenticator = this,
                Events = this,
                SftpSubsystem = (context, channel, ct) => new SftpSession(context.FileSystem, context.Logger, new SftpSessionOptions { Events = context.Events }).RunAsync(channel, ct),
            },
            NullLogger.Instance);
        await _ssh.StartAsync();
    }

    public async Task StartFtpAsync()
    {
        var options = new FtpServerOptions { Certificate = SelfSigned(), EventSink = this };
        options.ControlEndPoints.Add(new IPEndPoint(IPAddress.Loopback, 0));
        _ftp = new FtpServer(options, this);
        await _ftp.StartAsync();
    }

    /// <summary>Files that arrived for the account, relative to its folder.</summary>
    public IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, User), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(Root, User), f))];

    public void Publish(SessionEvent sessionEvent) => Events.Enqueue(sessionEvent);

    public SshAuthResult CheckPassword(SshAuthRequest request, string password) =>
        request.User == User && password == Password
            ? SshAuthResult.Success(_storage.OpenSession(_account, CameraProtocols.Sftp, request.RemoteEndPoint))
            : SshAuthResult.Failure("wrong user or password");

    public SshAuthResult CheckPublicKey(SshAuthRequest request, SshPublicKey key, string signatureAlgorithm, SshKeyCheck check)
    {
        if (check == SshKeyCheck.SignatureInvalid || request.User != User || AuthorizedKey is null || !AuthorizedKey.SameKeyAs(key))
        {
            return SshAuthResult.Failure("key not authorized");
        }

        return check == SshKeyCheck.SignatureVerified ? SshAuthResult.Success(_storage.OpenSession(_account, CameraProtocols.Sftp, request.RemoteEndPoint)) : SshAuthResult.KeyAcceptable();
    }

    public bool AllowSha1 { get; set; }

    public bool AllowsSha1RsaSignatures(SshAuthRequest request) => AllowSha1;

    public bool RequiresTls(string user) => false;

    public ValueTask<FtpLoginResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.User == User && request.Password == Password
            ? FtpLoginResult.Success(_storage.OpenSession(_account, request.IsTls ? CameraProtocols.Ftps : CameraProtocols.Ftp, request.RemoteEndPoint))
            : FtpLoginResult.Fail(FtpLoginFailure.InvalidCredentials, "wrong user or password"));

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=receiver", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ssh is not null)
        {
            await _ssh.DisposeAsync();
        }

        if (_ftp is not null)
        {
            await _ftp.DisposeAsync();
        }

        Directory.Delete(Root, recursive: true);
    }
}
