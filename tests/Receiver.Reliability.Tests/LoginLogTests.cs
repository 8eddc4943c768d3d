using System.Globalization;
using Receiver.Reliability.Tests.Support;

namespace Receiver.Reliability.Tests;

/// <summary>
/// One fact, one log line: a camera's login over sFTP (SSH.NET) and over FTP (python3 ftplib) against the real
/// receiver each leave exactly one Information line in its log, the authenticator's.
/// </summary>
public sealed class LoginLogTests : IDisposable
{
    private const string Password = "Sup3rSecret";
    private const string FtpLogin = """
        import ftplib, sys
        ftp = ftplib.FTP()
        ftp.connect("127.0.0.1", int(sys.argv[1]), timeout=20)
        ftp.login(sys.argv[2], sys.argv[3])
        ftp.quit()
        """;

    private readonly DataRoot _root = new();

    [Fact]
    public async Task A_login_over_sftp_and_a_login_over_ftp_are_each_one_information_line()
    {
        foreach (var camera in new[] { "porch", "marker" })
        {
            _root.AddCamera(camera, Password);
        }

        await using var receiver = await ReceiverProcess.StartAsync(_root.Path);

        using (var sftp = SshNetCamera.Connect(receiver.SftpPort, "porch", Password))
        {
            Assert.True(sftp.IsConnected);
        }

        using var ftp = await ExternalProgram.RunAsync("python3", "-c", FtpLogin, receiver.FtpPort.ToString(CultureInfo.InvariantCulture), "porch", Password);
        Assert.True(ftp.ExitCode == 0, $"python3 ftplib login failed: {ftp.Output}");

        // A last login of another camera: once its line is in, every line of the two logins before it is too.
        using (var marker = SshNetCamera.Connect(receiver.SftpPort, "marker", Password))
        {
            Assert.True(marker.IsConnected);
        }

        await Poll.UntilAsync(() => LoginLines(receiver.Log, "marker").Count > 0, TimeSpan.FromSeconds(20), "the marker camera's login line");
        var porch = LoginLines(receiver.Log, "porch");
        Assert.True(porch.Count == 2, "expected one Information line per login, got:\n" + string.Join('\n', porch));
        Assert.Single(porch, l => l.Contains("sftp login for porch from 127.0.0.1 by password", StringComparison.Ordinal));
        Assert.Single(porch, l => l.Contains("ftp login for porch from 127.0.0.1 by password", StringComparison.Ordinal) && !l.Contains("sftp", StringComparison.Ordinal));
    }

    /// <summary>Information lines about a login of <paramref name="camera"/>, whoever wrote them.</summary>
    private static List<string> LoginLines(string log, string camera) =>
        [.. log.Split('\n').Where(l => l.Contains(" INF]", StringComparison.Ordinal)
            && l.Contains(camera, StringComparison.Ordinal)
            && (l.Contains("login", StringComparison.OrdinalIgnoreCase) || l.Contains("logged in", StringComparison.OrdinalIgnoreCase)))];

    public void Dispose() => _root.Dispose();
}
