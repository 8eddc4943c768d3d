using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Receiver.Ftp.Tls;

/// <summary>The server's TLS parameters, built once per server and shared by control and data connections.</summary>
internal sealed class TlsSettings
{
    // Building the context builds the certificate's chain, and that reads the whole system trust store (every
    // file in /etc/ssl/certs: about 60 ms here, far more on a Pi's SD card). It is built beside the start, not in
    // its way: FTP listens without waiting for it, and the first TLS handshake takes it when it is ready.
    private readonly Lazy<SslStreamCertificateContext> _context;

    public TlsSettings(X509Certificate2 certificate)
    {
        _context = new(() => SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true));
        _ = Task.Run(() => _context.Value);
    }

    public SslServerAuthenticationOptions CreateOptions() => new()
    {
        ServerCertificateContext = _context.Value,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        AllowRenegotiation = false,

        // Resumption is offered (a data connection may resume the control connection's TLS 1.2 session, which
        // saves a full handshake per transfer) but never required: cameras' TLS stacks often fail it. TLS 1.3
        // session tickets must be switched off process-wide (OPENSSL_CONF with NumTickets = 0): a ticket that
        // reaches a client after it has sent its upload stays unread, and its close then resets the connection
        // and discards the end of the upload. .NET has no per-connection switch for that.
        AllowTlsResume = true,
    };

    /// <summary>What a failed handshake tells about the client, for the NegotiationFailed event.</summary>
    public static string Describe(Exception exception) =>
        exception.InnerException is { } inner ? $"{exception.Message} ({inner.Message})" : exception.Message;
}
