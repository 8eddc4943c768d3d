using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CameraEmulator;

/// <summary>
/// Uploads a file the way the camera's firmware does, with curl (libcurl + libssh2): sFTP with the camera's key
/// first then the password, the pinned host key checked by <c>--hostpubsha256</c>; FTPS with <c>--ssl-reqd</c>
/// and <c>-k</c> only when ft_insecure=1; PASV or active per ft_mode; <c>--ftp-create-dirs</c> per ft_autocreatedir.
/// </summary>
public sealed class CurlUploader(CameraSshKey key, TimeSpan connectTimeout, TimeSpan transferTimeout, string? trustedCaFile = null)
{
    public async Task<UploadOutcome> UploadAsync(UploadSettings settings, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        var work = Path.Combine(key.Directory, "upload-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            var localFile = Path.Combine(work, fileName);
            await File.WriteAllBytesAsync(localFile, content, cancellationToken);
            string? hostKey = null;
            if (settings.Ssl == 2)
            {
                hostKey = await HostKeyProbe.ScanAsync(settings.Server, settings.Port, connectTimeout, cancellationToken);
                if (!settings.Insecure && settings.PinnedHostKey.Length == 0)
                {
                    // Verification asked for, nothing to verify against: the camera refuses to connect.
                    return new UploadOutcome(-5, -1, hostKey, string.Empty, "(not run: no host key set)", "ft_insecure=0 but no host key was set with sethost");
                }
            }

            var remotePath = RemotePath(settings, fileName);
            var args = BuildArguments(settings, localFile, remotePath);
            var (exit, stderr) = await RunCurlAsync(args, settings, work, cancellationToken);
            return new UploadOutcome(CurlExitCodes.ToTestResult(exit), exit, hostKey, remotePath, "curl " + string.Join(' ', args), Tail(stderr));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string RemotePath(UploadSettings settings, string fileName)
    {
        var segments = settings.DirectorySegments(DateTime.Now).Append(fileName).Select(Uri.EscapeDataString);
        var joined = string.Join('/', segments);

        // sFTP paths are relative to the login directory through libcurl's "/~/"; FTP URLs are relative already.
        return settings.Ssl == 2 ? "/~/" + joined : "/" + joined;
    }

    private List<string> BuildArguments(UploadSettings settings, string localFile, string remotePath)
    {
        var host = settings.Server.Contains(':') ? $"[{settings.Server}]" : settings.Server;
        var scheme = settings.Ssl == 2 ? "sftp" : "ftp";
        var args = new List<string>
        {
            "--silent", "--show-error", "--verbose",
            "--config", "-",
            "--connect-timeout", Seconds(connectTimeout),
            "--max-time", Seconds(transferTimeout),
            "--upload-file", localFile,
        };
        if (settings.AutoCreateDirectory)
        {
            args.Add("--ftp-create-dirs");
        }

        if (settings.Ssl == 2)
        {
            args.AddRange(["--key", key.PrivateKeyPath, "--pubkey", key.PublicKeyPath]);

            // -k only skips ~/.ssh/known_hosts, which a camera does not have; the pin below is what verifies.
            args.Add("--insecure");
            if (!settings.Insecure)
            {
                args.AddRange(["--hostpubsha256", HostKeySha256(settings.PinnedHostKey)]);
            }
        }
        else
        {
            args.AddRange(settings.Passive ? ["--ftp-pasv"] : ["--ftp-port", "-"]);
            if (settings.Ssl == 1)
            {
                args.Add("--ssl-reqd");
                if (settings.Insecure)
                {
                    args.Add("--insecure");
                }
                else if (trustedCaFile is not null)
                {
                    args.AddRange(["--cacert", trustedCaFile]);
                }
            }
        }

        args.Add($"{scheme}://{host}:{settings.Port.ToString(CultureInfo.InvariantCulture)}{remotePath}");
        return args;
    }

    /// <summary>--hostpubsha256 wants the base64 SHA-256 of the decoded key blob, without padding.</summary>
    public static string HostKeySha256(string hostKeyBase64)
    {
        try
        {
            return Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(hostKeyBase64))).TrimEnd('=');
        }
        catch (FormatException)
        {
            return "invalid-pinned-key";
        }
    }

    private static async Task<(int Exit, string Stderr)> RunCurlAsync(List<string> args, UploadSettings settings, string work, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("curl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = work,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A camera has no ~/.ssh or ~/.netrc: keep the user's out of the way.
        start.Environment["HOME"] = work;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("curl did not start.");

        // Credentials go through the config on stdin, never the command line.
        await process.StandardInput.WriteAsync(ConfigUser(settings.User, settings.Password ?? string.Empty));
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await stdout;
        return (process.ExitCode, await stderr);
    }

    private static string ConfigUser(string user, string password)
    {
        var value = (user + ":" + password).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"user = \"{value}\"\n";
    }

    private static string Seconds(TimeSpan span) => Math.Max(1, (int)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static string Tail(string text)
    {
        // curl -v echoes "> PASS secret" for FTP: never keep it.
        var lines = text.Split('\n').Where(l => !l.StartsWith("> PASS", StringComparison.Ordinal)).ToArray();
        var builder = new StringBuilder();
        foreach (var line in lines.TakeLast(25))
        {
            builder.AppendLine(line.TrimEnd());
        }

        return builder.ToString();
    }
}
