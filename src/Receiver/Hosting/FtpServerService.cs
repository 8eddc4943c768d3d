using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
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
    ILoggerFactory loggerFactory)
    : ListenerService<FtpServer>("FTP server", "Ftp:Port", loggerFactory.CreateLogger<FtpServerService>())
{
    private readonly FtpOptions _ftp = options.Value;

    protected override int Port => _ftp.Port;

    protected override FtpServer Create()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENSSL_CONF")))
        {
            Logger.LogWarning(
                "OPENSSL_CONF is not set: TLS 1.3 session tickets stay on, and FTPS uploads from curl-based cameras may be cut off by a reset. Set OPENSSL_CONF={Path}",
                Path.Combine(AppContext.BaseDirectory, "openssl-receiver.cnf"));
        }

        var serverOptions = CreateServerOptions(_ftp, security.Value, certificates.Certificate, events, time);
        var address = ListenAddress.Parse(_ftp.ListenAddress);
        serverOptions.ControlEndPoints.Add(new IPEndPoint(address, _ftp.Port));
        if (_ftp.ImplicitTlsPort > 0)
        {
            serverOptions.ImplicitTlsEndPoints.Add(new IPEndPoint(address, _ftp.ImplicitTlsPort));
        }

        return new FtpServer(serverOptions, new CameraFtpAuthenticator(authenticator, storage, time), loggerFactory);
    }

    protected override async Task StartServerAsync(FtpServer server, CancellationToken cancellationToken)
    {
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (ListenException ex)
        {
            throw ex.EndPoint.Port == _ftp.ImplicitTlsPort && _ftp.ImplicitTlsPort != _ftp.Port
                ? StartFailureException.Listen("FTPS (implicit TLS)", _ftp.ImplicitTlsPort, "Ftp:ImplicitTlsPort", ex)
                : StartFailureException.Listen("FTP", _ftp.Port, "Ftp:Port", ex);
        }
    }

    protected override Task StopServerAsync(FtpServer server, CancellationToken cancellationToken) => server.StopAsync(cancellationToken);

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
