namespace Receiver.Web.Hosting;

/// <summary>Section "Web": the page, /healthz and /metrics on Kestrel.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>HTTPS port; 0 switches the web server off.</summary>
    public int Port { get; set; } = 8443;

    /// <summary>Plain HTTP port that only redirects to HTTPS; 0 = none.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>"*" (every address) or one IP address.</summary>
    public string ListenAddress { get; set; } = "*";

    /// <summary>PEM certificate for the page; empty = the receiver's own certificate (the FTPS one).</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>PEM key of <see cref="CertificatePath"/>; empty = in the same file.</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>Comma-separated addresses or networks (CIDR) that may read /metrics; empty = everyone.</summary>
    public string MetricsAllowFrom { get; set; } = "";

    /// <summary>A signed-in session ends after this many hours without a request.</summary>
    public int SessionIdleHours { get; set; } = 12;
}
