namespace Receiver.Options;

/// <summary>Section "Ftp": the FTP listener with explicit FTPS (AUTH TLS), and the optional implicit FTPS port.</summary>
public sealed class FtpOptions : ListenerOptions
{
    public const string Section = "Ftp";

    /// <summary>0 turns the FTP server off.</summary>
    public int Port { get; set; } = 2121;

    /// <summary>Implicit FTPS port (990 by convention); 0 = off.</summary>
    public int ImplicitTlsPort { get; set; }

    /// <summary>Passive data ports as "first-last"; empty lets the system choose (fine without NAT or Docker port mapping).</summary>
    public string PassivePorts { get; set; } = "50000-50100";

    /// <summary>Address announced in PASV replies (Docker/NAT); empty announces the address the camera connected to.</summary>
    public string PassiveAddress { get; set; } = "";

    public int DataConnectionTimeoutSeconds { get; set; } = 20;

    public int MaxCommandLineLength { get; set; } = 2048;

    /// <summary>Parses <see cref="PassivePorts"/>; null when the system may choose.</summary>
    public (int First, int Last)? ParsedPassivePorts =>
        PortRange.TryParse(PassivePorts, out var range) ? range : null;
}
