using System.Net;
using System.Net.Sockets;
using Receiver.Testing;

namespace Receiver.Reliability.Tests;

/// <summary>
/// The real receiver with its port taken by another program, or an unreadable certificate: it stops at start with
/// one line that names the setting, exit code 2, and no stack trace.
/// </summary>
public sealed class StartFailureTests : IDisposable
{
    private readonly DataRoot _root = new();

    [Theory]
    [InlineData("ftp")]
    [InlineData("sftp")]
    public async Task An_occupied_port_stops_the_start_with_one_line_naming_the_key_and_exit_code_2(string protocol)
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var taken = ((IPEndPoint)other.LocalEndpoint).Port;
        var (ftp, sftp) = protocol == "ftp" ? (taken, 0) : (0, taken);

        var (exitCode, standardError) = await ReceiverProcess.RunUntilExitAsync(_root.Path, ftp, sftp);

        var expected = protocol == "ftp"
            ? $"receiver: FTP port {taken} (Ftp:Port) is already in use by another program"
            : $"receiver: sFTP port {taken} (Ssh:Port) is already in use by another program";
        Assert.True(exitCode == 2, $"exit code {exitCode}: {standardError}");
        Assert.Equal(expected, standardError.Trim());
    }

    [Fact]
    public async Task An_unreadable_certificate_stops_the_start_with_one_line_naming_the_keys_and_exit_code_2()
    {
        var certificate = Path.Combine(_root.Path, "broken.crt");
        await File.WriteAllTextAsync(certificate, "not a certificate");

        var (exitCode, standardError) = await ReceiverProcess.RunUntilExitAsync(_root.Path, FreePort.Get(), 0, new Dictionary<string, string>
        {
            ["Ftps__CertificatePath"] = certificate,
            ["Ftps__KeyPath"] = certificate,
        });

        Assert.True(exitCode == 2, $"exit code {exitCode}: {standardError}");
        var line = Assert.Single(standardError.Trim().Split('\n'));
        Assert.StartsWith($"receiver: The FTPS certificate {certificate}", line, StringComparison.Ordinal);
        Assert.Contains("Ftps:CertificatePath, Ftps:KeyPath) cannot be read", line, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
