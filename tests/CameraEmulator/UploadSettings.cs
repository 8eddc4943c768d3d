using System.Globalization;

namespace CameraEmulator;

/// <summary>The FTP settings one upload runs with, read from the camera's state at the start of the upload.</summary>
public sealed record UploadSettings(
    string Server,
    int Port,
    string User,
    string? Password,
    bool Passive,
    string DirectoryName,
    bool AutoCreateDirectory,
    bool DailyFolder,
    int Ssl,
    bool Insecure,
    string PinnedHostKey)
{
    public static UploadSettings From(CameraState state, bool keyOnly)
    {
        lock (state.Gate)
        {
            var f = state.Ftp;
            return new UploadSettings(
                f["ft_server"],
                int.Parse(f["ft_port"], CultureInfo.InvariantCulture),
                f["ft_username"],
                keyOnly ? null : state.FtpPassword,
                f["ft_mode"] == "1",
                f["ft_dirname"],
                f["ft_autocreatedir"] == "1",
                f["ft_dirmode"] == "1",
                int.Parse(f["ft_ssl"], CultureInfo.InvariantCulture),
                f["ft_insecure"] == "1",
                state.PinnedHostKey);
        }
    }

    /// <summary>The remote directory: ft_dirname without "./" and slashes at the ends, plus a yyyyMMdd folder per day.</summary>
    public IReadOnlyList<string> DirectorySegments(DateTime now)
    {
        var segments = DirectoryName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s != ".")
            .ToList();
        if (DailyFolder)
        {
            segments.Add(now.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }

        return segments;
    }
}

/// <summary>What one upload attempt did: testftp's result code, curl's exit code, the host key seen (sFTP).</summary>
public sealed record UploadOutcome(int Result, int CurlExitCode, string? HostKey, string RemotePath, string CommandLine, string Diagnostics);
