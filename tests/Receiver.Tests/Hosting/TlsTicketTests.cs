using System.Globalization;

namespace Receiver.Tests.Hosting;

/// <summary>
/// The program itself switches off TLS 1.3 session tickets (openssl-receiver.cnf), so a user who runs it
/// without any OpenSSL setting still gets FTPS uploads from curl-based cameras that are not cut off.
/// </summary>
public sealed class TlsTicketTests : DataFolderTests
{
    [Fact]
    public async Task The_receiver_sends_no_TLS13_session_ticket_without_any_openssl_setting()
    {
        var port = FreePort.Get();
        await using var receiver = ReceiverChildProcess.Start(Paths.Root, FreePort.Get(), new Dictionary<string, string>
        {
            ["Ftp__ImplicitTlsPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["OPENSSL_CONF"] = "",
        });

        await FreePort.WaitForListenerAsync(port);
        var result = await ExternalProcess.RunAsync("openssl", ["s_client", "-connect", $"127.0.0.1:{port}", "-tls1_3", "-msg", "-ign_eof"], standardInput: "QUIT\r\n");

        Assert.Contains("220", result.StandardOutput);
        Assert.Contains("TLSv1.3", result.StandardOutput);
        Assert.DoesNotContain("NewSessionTicket", result.StandardOutput);
    }
}
