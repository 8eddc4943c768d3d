using System.Globalization;

namespace Receiver.Reliability.Tests.Support;

/// <summary>curl (libcurl + libssh2, the stack many cameras run) uploading one file over FTP or sFTP.</summary>
public static class Curl
{
    public static ExternalProgram StartUpload(string scheme, int port, string user, string password, string localFile, string remoteName, long? limitBytesPerSecond = null, bool verbose = false)
    {
        var args = new List<string>
        {
            verbose ? "-v" : "-sS", "--connect-timeout", "20", "--max-time", "120",
            "--user", $"{user}:{password}",
            "-T", localFile,
            $"{scheme}://127.0.0.1:{port}/{remoteName}",
        };
        if (scheme == "sftp")
        {
            // The receiver's host key is new for every test root; pinning is the SSH suite's subject.
            args.Add("--insecure");
        }

        if (limitBytesPerSecond is { } limit)
        {
            args.Add("--limit-rate");
            args.Add(limit.ToString(CultureInfo.InvariantCulture));
        }

        return ExternalProgram.Start("curl", [.. args]);
    }

    public static async Task<ExternalProgram> UploadAsync(string scheme, int port, string user, string password, string localFile, string remoteName, bool verbose = false)
    {
        var run = StartUpload(scheme, port, user, password, localFile, remoteName, verbose: verbose);
        await run.WaitAsync(TimeSpan.FromSeconds(120));
        return run;
    }
}
