using System.Globalization;
using Receiver.Testing;

namespace Receiver.Ssh.Tests.Host;

/// <summary>OpenSSH's sftp in batch mode (commands on standard input) with a key, no config and no known_hosts.</summary>
internal static class OpenSshSftpBatch
{
    public static Task<ExternalProcess.Result> RunAsync(int port, string identity, string user, string batch, params string[] options)
    {
        string[] common =
        [
            "-P", port.ToString(CultureInfo.InvariantCulture), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR", "-F", "/dev/null", "-i", identity, "-b", "-",
        ];
        return ExternalProcess.RunAsync("sftp", [.. common, .. options, user + "@127.0.0.1"], batch, TimeSpan.FromSeconds(120));
    }
}
