namespace Receiver.Ftp.Tests;

/// <summary>
/// The process runs with OPENSSL_CONF NumTickets = 0 (see openssl-receiver.cnf): a TLS 1.3 session ticket that
/// reaches curl after it has sent an upload stays unread, and curl's close then resets the data connection and
/// cuts the upload. This checks the setting is in force, so the TLS 1.3 upload tests cannot pass by luck.
/// </summary>
public sealed class TlsSessionTicketTests : FtpServerTests
{
    [Fact]
    public async Task Tls13_handshake_sends_no_session_ticket()
    {
        var result = await ExternalProcess.RunAsync(
            "openssl",
            ["s_client", "-connect", $"127.0.0.1:{Server.ImplicitPort}", "-tls1_3", "-msg", "-ign_eof"],
            standardInput: "QUIT\r\n",
            timeout: TimeSpan.FromSeconds(30));

        Assert.Contains("220 ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("TLSv1.3", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("NewSessionTicket", result.StandardOutput, StringComparison.Ordinal);
    }
}
