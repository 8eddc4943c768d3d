namespace Receiver.Options;

/// <summary>Section "Ftps": the TLS certificate for FTPS.</summary>
public sealed class FtpsOptions
{
    public const string Section = "Ftps";

    /// <summary>A PEM certificate (chain); empty uses the receiver's own self-signed one under Storage:Root.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The PEM private key; empty when it is in the certificate file.</summary>
    public string KeyPath { get; set; } = "";
}
