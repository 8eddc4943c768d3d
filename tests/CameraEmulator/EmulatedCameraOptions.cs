namespace CameraEmulator;

/// <summary>How the stand-in camera behaves.</summary>
public sealed record EmulatedCameraOptions
{
    public string AdminUser { get; init; } = "admin";

    public string AdminPassword { get; init; } = "instar";

    /// <summary>Some firmware answers 401 to basic auth and only accepts the user/pwd query form.</summary>
    public bool AcceptBasicAuth { get; init; } = true;

    /// <summary>0 = a free port chosen by the system.</summary>
    public int Port { get; init; }

    /// <summary>Serve https with a self-signed certificate instead of http.</summary>
    public bool UseHttps { get; init; }

    /// <summary>curl's timeouts for testftp and alarm uploads.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan TransferTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A PEM file of certificate authorities the camera trusts for FTPS when ft_insecure=0 (a real camera has its
    /// firmware's bundle); null = curl's default bundle.
    /// </summary>
    public string? TrustedCaFile { get; init; }

    /// <summary>Commands answered with this response code instead of being executed (fault injection for tests).</summary>
    public IReadOnlyDictionary<string, int> FailingCommands { get; init; } = new Dictionary<string, int>();
}
