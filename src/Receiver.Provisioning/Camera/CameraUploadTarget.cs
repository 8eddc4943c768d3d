namespace Receiver.Provisioning.Camera;

/// <summary>ft_mode as the 2K+ reference documents it. Older series documented the opposite meaning: read back, never assume.</summary>
public enum FtpTransferMode
{
    /// <summary>ft_mode=0: the camera opens a port and the server connects to it (PORT).</summary>
    Active = 0,

    /// <summary>ft_mode=1: the camera connects to the server's passive port (PASV).</summary>
    Passive = 1,
}

/// <summary>ft_dirmode as the 2K+ reference documents it.</summary>
public enum FtpDirectoryMode
{
    /// <summary>ft_dirmode=0: all files in one directory.</summary>
    SingleDirectory = 0,

    /// <summary>ft_dirmode=1: a new folder every day.</summary>
    DailyFolders = 1,
}

/// <summary>ft_ssl.</summary>
public enum FtpEncryption
{
    /// <summary>ft_ssl=0: plain FTP (default port 21).</summary>
    None = 0,

    /// <summary>ft_ssl=1: FTPS, explicit AUTH TLS (default port 21).</summary>
    Ftps = 1,

    /// <summary>ft_ssl=2: sFTP over SSH (default port 22).</summary>
    Sftp = 2,
}

/// <summary>
/// The camera's upload target (getftpattr / setftpattr). The password is write-only: the camera never returns it.
/// </summary>
/// <param name="Server">ft_server: address or name of the receiver as the camera reaches it.</param>
/// <param name="Port">ft_port.</param>
/// <param name="Username">ft_username.</param>
/// <param name="Mode">ft_mode.</param>
/// <param name="DirectoryName">ft_dirname.</param>
/// <param name="AutoCreateDirectory">ft_autocreatedir; null when the camera does not report it.</param>
/// <param name="DirectoryMode">ft_dirmode.</param>
/// <param name="Encryption">ft_ssl.</param>
/// <param name="Insecure">ft_insecure: true (1) = do not verify the server's certificate or host key.</param>
public sealed record CameraUploadTarget(
    string Server,
    int Port,
    string Username,
    FtpTransferMode Mode,
    string DirectoryName,
    bool? AutoCreateDirectory,
    FtpDirectoryMode DirectoryMode,
    FtpEncryption Encryption,
    bool Insecure)
{
    /// <summary>The names of the values that differ between what was set and what the camera reports.</summary>
    public IReadOnlyList<string> Differences(CameraUploadTarget actual)
    {
        var differences = new List<string>();
        void Check<T>(string name, T expected, T got)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, got))
            {
                differences.Add($"{name}: set {expected}, camera reports {got}");
            }
        }

        Check("ft_server", Server, actual.Server);
        Check("ft_port", Port, actual.Port);
        Check("ft_username", Username, actual.Username);
        Check("ft_mode", Mode, actual.Mode);
        Check("ft_dirname", DirectoryName, actual.DirectoryName);
        if (AutoCreateDirectory is not null && actual.AutoCreateDirectory is not null)
        {
            Check("ft_autocreatedir", AutoCreateDirectory, actual.AutoCreateDirectory);
        }

        Check("ft_dirmode", DirectoryMode, actual.DirectoryMode);
        Check("ft_ssl", Encryption, actual.Encryption);
        Check("ft_insecure", Insecure, actual.Insecure);
        return differences;
    }
}
