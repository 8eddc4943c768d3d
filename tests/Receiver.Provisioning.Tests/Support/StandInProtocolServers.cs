using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Ftp;
using Receiver.Keys;
using Receiver.Ssh;
using Receiver.Ssh.Keys;
using Receiver.Ssh.Sftp;
using Receiver.Storage;

namespace Receiver.Provisioning.Tests.Support;

/// <summary>
/// For a listener the host does not wire yet (Hosting/SshServerService, FtpServerService), the end-to-end tests run the
/// project's own server over the running host's own services: accounts, authenticator, storage, host keys,
/// certificate and session journal. Only the thin adapters below are test code.
/// </summary>
internal sealed class StandInProtocolServers : IAsyncDisposable, ISshAuthenticator, IFtpAuthenticator
{
    private readonly CameraAuthenticator _authenticator;
    private readonly AccountStore _accounts;
    private readonly CameraStorage _storage;
    private SshServer? _ssh;
    private FtpServer? _ftp;

    public StandInProtocolServers(IServiceProvider services)
    {
        _authenticator = services.GetRequiredService<CameraAuthenticator>();
        _accounts = services.GetRequiredService<AccountStore>();
        _storage = services.GetRequiredService<CameraStorage>();
        Services = services;
    }

    private IServiceProvider Services { get; }

    /// <summary>Starts the servers the host does not run itself (null port: the host has its own).</summary>
    public async Task StartAsync(int? sftpPort, int? ftpPort)
    {
        var events = Services.GetRequiredService<ISessionEventSink>();
        if (sftpPort is { } sshPort)
        {
            await StartSshAsync(sshPort, events);
        }

        if (ftpPort is { } port)
        {
            var options = new FtpServerOptions { Certificate = Services.GetRequiredService<TlsCertificateStore>().Certificate, EventSink = events };
            options.ControlEndPoints.Add(new IPEndPoint(IPAddress.Loopback, port));
            _ftp = new FtpServer(options, this);
            await _ftp.StartAsync();
        }
    }

    private async Task StartSshAsync(int sftpPort, ISessionEventSink events)
    {
        _ssh = new SshServer(
            new SshServerOptions
            {
                ListenAddresses = [IPAddress.Loopback],
                Port = sftpPort,
                HostKeys = [.. Services.GetRequiredService<HostKeyStore>().Keys],
                Authenticator = this,
                Events = events,
                SftpSubsystem = (context, channel, ct) => new SftpSession(context.FileSystem, context.Logger, new SftpSessionOptions { Events = context.Events }).RunAsync(channel, ct),
            },
            NullLogger.Instance);
        await _ssh.StartAsync();
    }

    public SshAuthResult CheckPassword(SshAuthRequest request, string password)
    {
        var result = _authenticator.CheckPassword(request.User, password, request.RemoteEndPoint.Address, "sftp");
        return result.Succeeded
            ? SshAuthResult.Success(_storage.OpenSession(result.Account!, "sftp", request.RemoteEndPoint))
            : SshAuthResult.Failure(result.Describe());
    }

    public SshAuthResult CheckPublicKey(SshAuthRequest request, SshPublicKey key, string signatureAlgorithm, bool signatureVerified)
    {
        var result = _authenticator.CheckPublicKey(request.User, key.Blob, request.RemoteEndPoint.Address, signatureVerified);
        if (!result.Succeeded)
        {
            return SshAuthResult.Failure(result.Describe());
        }

        return signatureVerified
            ? SshAuthResult.Success(_storage.OpenSession(result.Account!, "sftp", request.RemoteEndPoint))
            : SshAuthResult.KeyAcceptable();
    }

    public bool AllowsSha1RsaSignatures(SshAuthRequest request) => _accounts.Find(request.User)?.AllowSshRsaSha1 ?? false;

    public bool RequiresTls(string user) => _authenticator.RequiresTls(user);

    public ValueTask<FtpLoginResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken)
    {
        var protocol = request.IsTls ? "ftps" : "ftp";
        var result = _authenticator.CheckPassword(request.User, request.Password, request.RemoteEndPoint.Address, protocol);
        return ValueTask.FromResult(result.Succeeded
            ? FtpLoginResult.Success(_storage.OpenSession(result.Account!, protocol, request.RemoteEndPoint))
            : FtpLoginResult.Fail(result.Failure == LoginFailure.LockedOut ? FtpLoginFailure.LockedOut : FtpLoginFailure.InvalidCredentials, result.Describe()));
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
    }
}
