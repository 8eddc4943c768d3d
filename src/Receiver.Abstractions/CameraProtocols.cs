namespace Receiver.Abstractions;

/// <summary>
/// The protocols a camera uploads with: what an account may log in with (a set), and the one a session or an
/// upload used. Events, the session journal and logs write one as "sftp", "ftp" or "ftps" (<see cref="CameraProtocolNames"/>);
/// the account file keeps the member names.
/// </summary>
[Flags]
public enum CameraProtocols
{
    None = 0,
    Sftp = 1,
    Ftp = 2,
    Ftps = 4,
    All = Sftp | Ftp | Ftps,
}

/// <summary>The protocols' text names ("sftp", "ftp", "ftps").</summary>
public static class CameraProtocolNames
{
    /// <summary>The name of one protocol; a set is its names joined by ','.</summary>
    public static string Name(this CameraProtocols protocol) => protocol switch
    {
        CameraProtocols.Sftp => "sftp",
        CameraProtocols.Ftp => "ftp",
        CameraProtocols.Ftps => "ftps",
        CameraProtocols.None => "none",
        _ => string.Join(',', new[] { CameraProtocols.Sftp, CameraProtocols.Ftps, CameraProtocols.Ftp }.Where(p => protocol.HasFlag(p)).Select(Name)),
    };

    /// <summary>One protocol from its name (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? name, out CameraProtocols protocol)
    {
        protocol = name?.Trim().ToLowerInvariant() switch
        {
            "sftp" => CameraProtocols.Sftp,
            "ftp" => CameraProtocols.Ftp,
            "ftps" => CameraProtocols.Ftps,
            _ => CameraProtocols.None,
        };
        return protocol != CameraProtocols.None;
    }
}
