namespace CameraEmulator;

/// <summary>The camera's stored configuration. All access goes through <see cref="Gate"/>.</summary>
public sealed class CameraState
{
    public object Gate { get; } = new();

    /// <summary>getftpattr values as the camera stores them (strings, as on the wire).</summary>
    public Dictionary<string, string> Ftp { get; } = new(StringComparer.Ordinal)
    {
        ["ft_server"] = "192.168.2.111",
        ["ft_port"] = "21",
        ["ft_username"] = "admin",
        ["ft_dirname"] = "./hello",
        ["ft_autocreatedir"] = "1",
        ["ft_dirmode"] = "1",
        ["ft_mode"] = "1",
        ["ft_ssl"] = "1",
        ["ft_insecure"] = "1",
    };

    /// <summary>Write-only through the API: getftpattr never returns it.</summary>
    public string FtpPassword { get; set; } = "instar";

    /// <summary>The server host key stored by testftp&amp;sethost= (base64 blob), empty when none.</summary>
    public string PinnedHostKey { get; set; } = string.Empty;

    public Dictionary<string, (string Enable, string Interval)> Actions { get; } = new(StringComparer.Ordinal)
    {
        ["rec"] = ("0", "0"),
        ["snap"] = ("0", "15"),
        ["timersnap"] = ("0", "820"),
    };

    public string SnapCount { get; set; } = "5";

    public Dictionary<string, string> SnapSchedule { get; } = new(StringComparer.Ordinal)
    {
        ["mode"] = "0",
        ["prefix"] = "0",
        ["name"] = "snapshot",
        ["enable"] = "0",
        ["times"] = "0-1",
    };

    public Dictionary<string, string> SnapTimer { get; } = new(StringComparer.Ordinal)
    {
        ["mode"] = "1",
        ["prefix"] = "1",
        ["name"] = "test",
    };

    /// <summary>A snapshot of the FTP settings and password, for tests to compare before and after.</summary>
    public (Dictionary<string, string> Ftp, string Password, string PinnedHostKey) Snapshot()
    {
        lock (Gate)
        {
            return (new Dictionary<string, string>(Ftp, StringComparer.Ordinal), FtpPassword, PinnedHostKey);
        }
    }
}
