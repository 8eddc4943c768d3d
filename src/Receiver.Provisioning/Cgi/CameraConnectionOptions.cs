namespace Receiver.Provisioning.Cgi;

/// <summary>How to reach one camera's param.cgi.</summary>
public sealed record CameraConnectionOptions
{
    public required CameraAddress Address { get; init; }

    public required string User { get; init; }

    public required string Password { get; init; }

    /// <summary>Accept a self-signed or otherwise unverifiable https certificate (explicit opt-in only).</summary>
    public bool AllowInvalidCertificate { get; init; }

    /// <summary>Time allowed for one request; testftp uses <see cref="TestTimeout"/>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>testftp waits for the camera's own upload attempt, which has its own timeouts.</summary>
    public TimeSpan TestTimeout { get; init; } = TimeSpan.FromSeconds(90);
}

/// <summary>How the camera accepted the admin credentials.</summary>
public enum CameraAuthStyle
{
    BasicAuth,
    QueryParameters,
}
