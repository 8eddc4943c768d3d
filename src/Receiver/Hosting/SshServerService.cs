using System.Net;
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
    ILoggerFactory loggers)
    : ListenerService<SshServer>("sFTP", "Ssh:Port", loggers.CreateLogger<SshServerService>())
{
    private readonly SshOptions _options = options.Value;
    private readonly SecurityOptions _security = security.Value;
    private readonly ISshAuthenticator _authenticator = new SshCameraAuthenticator(authenticator, accounts, storage);

    /// <summary>Where the listener is bound (empty while stopped or switched off).</summary>
    public IReadOnlyList<IPEndPoint> BoundEndPoints => Server?.BoundEndPoints ?? [];

    protected override int Port => _options.Port;

    protected override SshServer Create()
    {
        var options = CreateServerOptions(_options, _security, hostKeys, _authenticator, events);
        options.ListenAddresses = [ListenAddress.Parse(_options.ListenAddress)];
        options.Port = _options.Port;
        return new SshServer(options, loggers.CreateLogger("Receiver.Ssh"));
    }

    protected override async Task StartServerAsync(SshServer server, CancellationToken cancellationToken)
    {
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (ListenException ex)
        {
            throw StartFailureException.Listen("sFTP", _options.Port, "Ssh:Port", ex);
        }
        catch (ArgumentOutOfRangeException ex) when (ex.ParamName is { } option)
        {
            // SshServerOptions.Validate refused a value the host's validators let through: still a configuration error.
            throw new ConfigurationException($"{HostKey(option)} cannot be used by the SSH server ({option} was {ex.ActualValue}).", ex);
        }
    }

    protected override Task StopServerAsync(SshServer server, CancellationToken cancellationToken) => server.StopAsync(cancellationToken);

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
