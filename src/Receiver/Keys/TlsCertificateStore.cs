using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Options;
using Receiver.Storage;

namespace Receiver.Keys;

/// <summary>
/// The FTPS certificate: the user's own PEM (Ftps:CertificatePath, Ftps:KeyPath) or a self-signed RSA 2048 one
/// made on first start and kept (key 0600), so a camera that pinned it keeps working.
/// </summary>
public sealed class TlsCertificateStore
{
    private readonly DataPaths _paths;
    private readonly FtpsOptions _options;
    private readonly ILogger<TlsCertificateStore> _logger;
    private readonly TimeProvider _time;
    private readonly Lazy<X509Certificate2> _certificate;

    public TlsCertificateStore(DataPaths paths, IOptions<FtpsOptions> options, TimeProvider time, ILogger<TlsCertificateStore> logger)
    {
        _paths = paths;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _certificate = new Lazy<X509Certificate2>(LoadOrCreate);
    }

    public string CertificatePath => string.IsNullOrWhiteSpace(_options.CertificatePath)
        ? Path.Combine(_paths.KeysFolder, "ftps.crt")
        : _options.CertificatePath;

    public string KeyPath => string.IsNullOrWhiteSpace(_options.CertificatePath)
        ? Path.Combine(_paths.KeysFolder, "ftps.key")
        : (string.IsNullOrWhiteSpace(_options.KeyPath) ? _options.CertificatePath : _options.KeyPath);

    public X509Certificate2 Certificate => _certificate.Value;

    private X509Certificate2 LoadOrCreate()
    {
        _paths.EnsureCreated();
        if (string.IsNullOrWhiteSpace(_options.CertificatePath) && !File.Exists(CertificatePath))
        {
            Create();
        }

        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);

            // SslStream on Linux wants a certificate whose key is not ephemeral.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            var keys = string.IsNullOrWhiteSpace(_options.CertificatePath) ? "created by the receiver in Storage:Root" : "Ftps:CertificatePath, Ftps:KeyPath";
            throw new Hosting.StartFailureException(
                $"The FTPS certificate {CertificatePath} (key {KeyPath}; {keys}) cannot be read ({ex.Message}). It was left untouched.", ex);
        }
    }

    private void Create()
    {
        using var rsa = RSA.Create(2048);
        var name = new X500DistinguishedName($"CN={Environment.MachineName}, O=Receiver");
        var request = new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(Environment.MachineName);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        var now = _time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        PrivateFile.WriteAllText(KeyPath, rsa.ExportPkcs8PrivateKeyPem() + "\n");
        PrivateFile.WriteAllText(CertificatePath, certificate.ExportCertificatePem() + "\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        _logger.LogInformation("Created a self-signed FTPS certificate {Thumbprint} in {Path}", certificate.GetCertHashString(HashAlgorithmName.SHA256), CertificatePath);
    }
}
