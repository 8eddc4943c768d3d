using System.Globalization;

namespace Receiver.Testing;

/// <summary>
/// The settings that put a test receiver on loopback: its data folder, sFTP and FTP on the given ports at 127.0.0.1
/// (passive ports from the kernel), the web server off. Configuration keys for an in-process host, or
/// <see cref="AsEnvironment"/> for a child process. Linked into the projects that run a whole receiver.
/// </summary>
internal static class LoopbackSettings
{
    public static Dictionary<string, string?> For(string root, int sftpPort, int ftpPort) => new()
    {
        ["Storage:Root"] = root,
        ["Ssh:Port"] = sftpPort.ToString(CultureInfo.InvariantCulture),
        ["Ssh:ListenAddress"] = "127.0.0.1",
        ["Ftp:Port"] = ftpPort.ToString(CultureInfo.InvariantCulture),
        ["Ftp:ListenAddress"] = "127.0.0.1",
        ["Ftp:PassivePorts"] = "",
        ["Web:Port"] = "0",
    };

    /// <summary>The same settings as environment variables (Section__Key), as a service unit would set them.</summary>
    public static Dictionary<string, string> AsEnvironment(IDictionary<string, string?> settings) =>
        settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value ?? "");
}
