using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Abstractions;
using Receiver.Abstractions.Networking;
using Receiver.Accounts;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Ssh;
using Receiver.Ssh.Sftp;
using Receiver.Storage;

namespace Receiver.Hosting;

/// <summary>Runs the sFTP listener (section "Ssh") on the camera accounts, the host keys and the jailed storage.</summary>
public sealed class SshServerService(
    IOptions<SshOptions> options,
    IOptions<SecurityOptions> security,
    HostKeyStore hostKeys,
    CameraAuthenticator authenticator,
    AccountStore accounts,
    CameraStorage storage,
    ISessionEventSink events,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly SshOptions _options = options.Value;
    private readonly SecurityOptions _security = security.Value;
    private readonly ISshAuthenticator _authenticator = new SshCameraAuthenticator(authenticator, accounts, storage);
    private readonly ILogger _logger = loggers.CreateLogger<SshServerService>();
    private SshServer? _server;

    /// <summary>The running server; null while stopped or when Ssh:Port is 0.</summary>
    public SshServer? Server => _server;

    /// <summary>Where the listener is bound (empty while stopped or switched off).</summary>
    public IReadOnlyList<IPEndPoint> BoundEndPoints => _server?.BoundEndPoints ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Port == 0)
        {
            _logger.LogInformation("sFTP is switched off (Ssh:Port = 0)");
            return;
        }

        var options = CreateServerOptions(_options, _security, hostKeys, _authenticator, events);
        options.ListenAddresses = [ListenAddress.Parse(_options.ListenAddress)];
        options.Port = _options.Port;
        _server = new SshServer(options, loggers.CreateLogger("Receiver.Ssh"));
        try
        {
            await _server.StartAsync(cancellationToken);
        }
        catch (ListenException ex)
        {
            _server = null;
            throw StartFailureException.Listen("sFTP", _options.Port, "Ssh:Port", ex);
        }
        catch (ArgumentOutOfRangeException ex) when (ex.ParamName is { } option)
        {
            // SshServerOptions.Validate refused a value the host's validators let through: still a configuration error.
            _server = null;
            throw new ConfigurationException($"{HostKey(option)} cannot be used by the SSH server ({option} was {ex.ActualValue}).", ex);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The "Ssh" key behind an <see cref="SshServerOptions"/> property, to name it in a configuration error.</summary>
    internal static string HostKey(string option) => option switch
    {
        nameof(SshServerOptions.Port) => "Ssh:Port",
        nameof(SshServerOptions.LoginGraceTime) => "Ssh:LoginGraceTimeSeconds",
        nameof(SshServerOptions.IdleTimeout) => "Ssh:IdleTimeoutSeconds",
        nameof(SshServerOptions.MaxAuthAttempts) => "Ssh:MaxAuthAttempts",
        nameof(SshServerOptions.RekeyBytes) => "Ssh:RekeyAfterMegabytes",
        nameof(SshServerOptions.RekeyInterval) => "Ssh:RekeyIntervalMinutes",
        "Limits.MaxStartups" => "Ssh:MaxStartups",
        "Limits.MaxConnections" => "Ssh:MaxConnections",
        "Limits.MaxConnectionsPerSource" => "Ssh:MaxConnectionsPerSource",
        _ => $"Ssh ({option})",
    };

    /// <summary>The server options from the "Ssh" section, without the listen endpoint (tests bind their own).</summary>
    public static SshServerOptions CreateServerOptions(SshOptions ssh, SecurityOptions security, HostKeyStore hostKeys, ISshAuthenticator authenticator, ISessionEventSink events)
    {
        return new SshServerOptions
        {
            Profile = string.Equals(ssh.Profile, "legacy", StringComparison.OrdinalIgnoreCase) ? SshProfile.Legacy : SshProfile.Default,
            HostKeys = [.. hostKeys.Keys],
            Authenticator = authenticator,
            Events = events,
            Limits = AdmissionSettings.Limits(SshOptions.Section, ssh, security),
            LoginGraceTime = TimeSpan.FromSeconds(ssh.LoginGraceTimeSeconds),
            IdleTimeout = TimeSpan.FromSeconds(ssh.IdleTimeoutSeconds),
            MaxAuthAttempts = ssh.MaxAuthAttempts,
            RekeyBytes = ssh.RekeyAfterMegabytes * 1024L * 1024L,
            RekeyInterval = TimeSpan.FromMinutes(ssh.RekeyIntervalMinutes),
            // Each channel's SFTP session publishes Refused/UploadCompleted/UploadFailed to the connection's sink,
            // which enrollment reads to confirm the camera's test upload arrived.
            SftpSubsystem = SftpSubsystem.Create(),
        };
    }
}
