using Microsoft.Extensions.Logging;
using Receiver.Ftp.Data;
using Receiver.Ftp.Tls;

namespace Receiver.Ftp.Session;

/// <summary>What every session of one server shares: the options (read once), the authenticator, TLS and passive ports.</summary>
internal sealed class ServerContext(FtpServerOptions options, IFtpAuthenticator authenticator, ILoggerFactory loggerFactory)
{
    public FtpServerOptions Options { get; } = options;

    public IFtpAuthenticator Authenticator { get; } = authenticator;

    public ILogger Logger { get; } = loggerFactory.CreateLogger("Receiver.Ftp.FtpSession");

    public TlsSettings? Tls { get; } = options.Certificate is null ? null : new TlsSettings(options.Certificate);

    public PassivePortPool PassivePorts { get; } = new(options.PassivePortMin, options.PassivePortMax);

    public TimeProvider Time => Options.TimeProvider;
}
