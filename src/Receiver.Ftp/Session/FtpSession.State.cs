using Receiver.Abstractions;
using Receiver.Ftp.Data;

namespace Receiver.Ftp.Session;

/// <summary>The protocol state that commands read and change.</summary>
internal sealed partial class FtpSession
{
    /// <summary>The name from USER, until PASS settles it.</summary>
    public string? PendingUser { get; set; }

    /// <summary>The logged-in user; null before login.</summary>
    public string? User { get; set; }

    /// <summary>The logged-in user's jailed file system; null before login.</summary>
    public ISessionFileSystem? FileSystem { get; set; }

    public int FailedLogins { get; set; }

    public string CurrentDirectory { get; set; } = VirtualPath.Root;

    /// <summary>TYPE A; transfers are still sent unchanged (as vsftpd does by default), listings are always CRLF text.</summary>
    public bool AsciiType { get; set; }

    /// <summary>REST offset for the next STOR/APPE/RETR.</summary>
    public long RestartOffset { get; set; }

    /// <summary>RNFR source for the following RNTO.</summary>
    public string? RenameFrom { get; set; }

    /// <summary>PROT P: data connections use TLS.</summary>
    public bool ProtectData { get; set; }

    /// <summary>The logged-in account requires TLS: PROT C is refused and no transfer runs without PROT P.</summary>
    public bool RequiresProtectedData { get; set; }

    /// <summary>EPSV ALL: only EPSV may set up data connections from now on (RFC 2428).</summary>
    public bool EpsvOnly { get; set; }

    /// <summary>The data connection prepared by the last PASV/EPSV/PORT/EPRT, used by the next transfer.</summary>
    public IDataConnectionSource? DataSource { get; set; }

    public ISessionFileSystem Files => FileSystem ?? throw new InvalidOperationException("Not logged in.");

    /// <summary>Resolves a client path against the current directory.</summary>
    public string Resolve(string path) => VirtualPath.Combine(CurrentDirectory, path);

    public void ReplaceDataSource(IDataConnectionSource? source)
    {
        DataSource?.Dispose();
        DataSource = source;
    }

    /// <summary>Takes the prepared data connection for one transfer; the next one needs a new PASV/PORT.</summary>
    public IDataConnectionSource? TakeDataSource()
    {
        var source = DataSource;
        DataSource = null;
        return source;
    }
}
