using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Receiver.Tests.Hosting;

/// <summary>
/// The program itself switches off TLS 1.3 session tickets (openssl-receiver.cnf), so a user who runs it
/// without any OpenSSL setting still gets FTPS uploads from curl-based cameras that are not cut off.
/// </summary>
public sealed class TlsTicketTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task The_receiver_sends_no_TLS13_session_ticket_without_any_openssl_setting()
    {
        var port = FreePort.Get();
        var environment = new Dictionary<string, string>
        {
            ["Storage__Root"] = _temp.Combine("data"),
            ["Ssh__Port"] = "0",
            ["Ftp__Port"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
            ["Ftp__ImplicitTlsPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["Ftp__ListenAddress"] = "127.0.0.1",
            ["Ftp__PassivePorts"] = "",
            ["Web__Port"] = "0",
            ["OPENSSL_CONF"] = "",
        };
        var (program, arguments) = ReceiverCommand.For(Path.Combine(AppContext.BaseDirectory, "receiver.dll"));
        using var receiver = ExternalProcess.Start(program, arguments, environment);
        receiver.BeginOutputReadLine();
        receiver.BeginErrorReadLine();
        try
        {
            await FreePort.WaitForListenerAsync(port);
            var result = await ExternalProcess.RunAsync("openssl", ["s_client", "-connect", $"127.0.0.1:{port}", "-tls1_3", "-msg", "-ign_eof"], standardInput: "QUIT\r\n");

            Assert.Contains("220", result.StandardOutput);
            Assert.Contains("TLSv1.3", result.StandardOutput);
            Assert.DoesNotContain("NewSessionTicket", result.StandardOutput);
        }
        finally
        {
            receiver.Kill(entireProcessTree: true);
            await receiver.WaitForExitAsync();
        }
    }

    public void Dispose() => _temp.Dispose();
}
