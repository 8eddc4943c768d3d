using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Receiver.Keys;

namespace Receiver.Web.Hosting;

/// <summary>The page's certificate: Web:CertificatePath/KeyPath (PEM) when given, else the receiver's own (the FTPS one).</summary>
internal static class WebCertificate
{
    public static X509Certificate2 Load(WebOptions options, TlsCertificateStore receiverCertificate)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return receiverCertificate.Certificate;
        }

        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.CertificatePath, string.IsNullOrWhiteSpace(options.KeyPath) ? null : options.KeyPath);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"Web:CertificatePath {options.CertificatePath} (key {options.KeyPath}) cannot be read: {ex.Message}", ex);
        }
    }
}
