using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Receiver.Provisioning.Tests.Support;

/// <summary>
/// A throw-away certificate authority and a server certificate it signed for 127.0.0.1, written as PEM files: the
/// receiver serves the certificate (Ftps:CertificatePath/KeyPath), the emulated camera trusts the authority.
/// </summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("test-ca-").FullName;

    public TestCertificateAuthority()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Receiver test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, now.AddDays(-1), now.AddDays(29), RandomNumberGenerator.GetBytes(16));

        File.WriteAllText(CaFile, ca.ExportCertificatePem());
        File.WriteAllText(CertificateFile, server.ExportCertificatePem());
        File.WriteAllText(KeyFile, serverKey.ExportPkcs8PrivateKeyPem());
    }

    public string CaFile => Path.Combine(_folder, "ca.pem");

    public string CertificateFile => Path.Combine(_folder, "server.pem");

    public string KeyFile => Path.Combine(_folder, "server.key");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
