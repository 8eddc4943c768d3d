using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Abstractions;
using Receiver.Abstractions.Networking;
using Receiver.Accounts;
using Receiver.Ftp;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Storage;

namespace Receiver.Hosting;

/// <summary>Runs the FTP/FTPS server from the "Ftp" and "Ftps" sections, with the camera accounts and storage.</summary>
public sealed class FtpServerService(
    IOptions<FtpOptions> options,
    IOptions<SecurityOptions> security,
    TlsCertificateStore certificates,
    CameraAuthenticator authenticator,
    CameraStorage storage,
    ISessionEventSink events,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<FtpServerService>();

    /// <summary>The running server (bound endpoints included); null while stopped or when Ftp:Port is 0.</summary>
    public FtpServer? Server { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var ftp = options.Value;
        if (ftp.Port == 0)
        {
            _logger.LogInformation("FTP server off (Ftp:Port is 0)");
            return;
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENSSL_CONF")))
        {
            _logger.LogWarning(
                "OPENSSL_CONF is not set: TLS 1.3 session tickets stay on, and FTPS uploads from curl-based cameras may be cut off by a reset. Set OPENSSL_CONF={Path}",
                Path.Combine(AppContext.BaseDirectory, "openssl-receiver.cnf"));
        }

        var serverOptions = CreateServerOptions(ftp, security.Value, certificates.Certificate, events, time);
        var address = ListenAddress.Parse(ftp.ListenAddress);
        serverOptions.ControlEndPoints.Add(new IPEndPoint(address, ftp.Port));
        if (ftp.ImplicitTlsPort > 0)
        {
            serverOptions.ImplicitTlsEndPoints.Add(new IPEndPoint(address, ftp.ImplicitTlsPort));
        }

        Server = new FtpServer(serverOptions, new CameraFtpAuthenticator(authenticator, storage, time), loggerFactory);
        try
        {
            await Server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ListenException ex)
        {
            Server = null;
            throw ex.EndPoint.Port == ftp.ImplicitTlsPort && ftp.ImplicitTlsPort != ftp.Port
                ? StartFailureException.Listen("FTPS (implicit TLS)", ftp.ImplicitTlsPort, "Ftp:ImplicitTlsPort", ex)
                : StartFailureException.Listen("FTP", ftp.Port, "Ftp:Port", ex);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Server is { } server)
        {
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            Server = null;
        }
    }

    /// <summary>The library's options from the host's settings, without endpoints (the caller adds those).</summary>
    public static FtpServerOptions CreateServerOptions(FtpOptions ftp, SecurityOptions security, X509Certificate2 certificate, ISessionEventSink events, TimeProvider time)
    {
        var range = ftp.ParsedPassivePorts;
        return new FtpServerOptions
        {
            Certificate = certificate,
            PassivePortMin = range?.First ?? 0,
            PassivePortMax = range?.Last ?? 0,
            PassiveAddress = string.IsNullOrWhiteSpace(ftp.PassiveAddress) ? null : IPAddress.Parse(ftp.PassiveAddress),
            Limits = AdmissionSettings.Limits(FtpOptions.Section, ftp, security),
            LoginGraceTime = TimeSpan.FromSeconds(ftp.LoginGraceTimeSeconds),
            IdleTimeout = TimeSpan.FromSeconds(ftp.IdleTimeoutSeconds),
            DataConnectionTimeout = TimeSpan.FromSeconds(ftp.DataConnectionTimeoutSeconds),
            MaxCommandLineLength = ftp.MaxCommandLineLength,
            EventSink = events,
            TimeProvider = time,
        };
    }
}
