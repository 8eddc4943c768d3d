using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Receiver.Ftp.Tls;

/// <summary>The server's TLS parameters, built once per server and shared by control and data connections.</summary>
internal sealed class TlsSettings(X509Certificate2 certificate)
{
    private readonly SslStreamCertificateContext context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);

    public SslServerAuthenticationOptions CreateOptions() => new()
    {
        ServerCertificateContext = context,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ClientCertificateRequired = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        AllowRenegotiation = false,

        // No session tickets: cameras' TLS stacks often mishandle resumption, and an unread TLS 1.3 ticket left in a
        // client's socket makes its close send a reset that can cut off the end of an upload.
        AllowTlsResume = false,
    };

    /// <summary>What a failed handshake tells about the client, for the NegotiationFailed event.</summary>
    public static string Describe(Exception exception) =>
        exception.InnerException is { } inner ? $"{exception.Message} ({inner.Message})" : exception.Message;
}
