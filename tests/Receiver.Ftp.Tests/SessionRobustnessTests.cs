using System.Text;

namespace Receiver.Ftp.Tests;

/// <summary>Bad input ends one session only; logins, TLS requirements, limits and file-system errors map to replies.</summary>
public sealed class SessionRobustnessTests : FtpServerTests
{
    private protected override void Configure(FtpServerOptions options)
    {
        options.MaxCommandLineLength = 512;
        options.Limits.MaxConnectionsPerSource = 4;
    }

    public static TheoryData<byte[]> BadLines => new()
    {
        Encoding.ASCII.GetBytes("NOOP " + new string('x', 5000) + "\r\n"),
        Encoding.ASCII.GetBytes(new string('y', 5000)),
        new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0x0d, 0x0a },
        new byte[] { (byte)'C', (byte)'W', (byte)'D', (byte)' ', 0xC3, 0x28, 0x0d, 0x0a },
        new byte[] { (byte)'N', (byte)'O', 0x00, (byte)'P', 0x0d, 0x0a },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task A_bad_command_line_ends_only_that_session(byte[] junk)
    {
        await using var bystander = await RawFtpClient.ConnectAsync(Server.Port);
        await using var attacker = await RawFtpClient.ConnectAsync(Server.Port, login: false);

        await attacker.SendRawAsync(junk);

        Assert.True(await attacker.IsClosedByServerAsync());
        Assert.StartsWith("200", await bystander.SendAsync("NOOP"));
        await using var newcomer = await RawFtpClient.ConnectAsync(Server.Port);
        Assert.StartsWith("257", await newcomer.SendAsync("PWD"));
    }

    [Fact]
    public async Task An_exception_in_a_command_becomes_a_550_and_the_session_goes_on()
    {
        await using var client = await RawFtpClient.ConnectAsync(Server.Port);

        Assert.StartsWith("550", await client.SendAsync("MKD explode"));
        Assert.StartsWith("550 Permission denied", await client.SendAsync("MKD forbidden"));
        Assert.StartsWith("200", await client.SendAsync("NOOP"));
        Assert.Contains(Server.Events.Events, e => e.Kind == SessionEventKind.Refused && e.Detail.Contains("forbidden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Download_and_delete_are_refused_when_the_account_may_not()
    {
        await File.WriteAllBytesAsync(Server.PathOf("keep.jpg"), [1, 2, 3]);
        Server.FileSystem.AllowDownload = false;
        Server.FileSystem.AllowDelete = false;
        await using var client = await RawFtpClient.ConnectAsync(Server.Port);
        await client.EpsvAsync();

        Assert.StartsWith("550", await client.SendAsync("RETR keep.jpg"));
        Assert.StartsWith("550", await client.SendAsync("DELE keep.jpg"));
        Assert.True(File.Exists(Server.PathOf("keep.jpg")));
    }

    [Fact]
    public async Task Wrong_passwords_get_530_and_the_lockout_text_after_three()
    {
        await using var locked = await FtpScenarios.GuessUntilLockedOutAsync(Server.Port, "cam1", "secret1", wrongGuesses: 3, guess: "guess");
        Assert.True(await locked.IsClosedByServerAsync());
        Assert.Contains(Server.Events.Events, e => e.Kind == SessionEventKind.LoginFailed && e.Detail.StartsWith("LockedOut", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_account_that_requires_tls_is_told_so_before_auth_tls()
    {
        await using var client = await RawFtpClient.ConnectAsync(Server.Port, login: false);

        var reply = await client.SendAsync("USER tlscam");

        Assert.Equal("530 This account requires FTPS: send AUTH TLS before USER.", reply);
        Assert.StartsWith("503", await client.SendAsync("PASS secret2"));
    }

    [Fact]
    public async Task An_account_that_requires_tls_logs_in_over_ftps()
    {
        var result = await ExternalProcess.CurlAsync("--ssl-reqd", "--insecure", "--user", "tlscam:secret2", "--list-only", Server.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Server.Events.Events, e => e.Kind == SessionEventKind.LoginSucceeded && e.User == "tlscam" && e.Protocol == CameraProtocols.Ftps);
    }

    [Fact]
    public async Task Connections_beyond_the_per_address_cap_get_421()
    {
        var clients = new List<RawFtpClient>();
        for (var i = 0; i < 4; i++)
        {
            clients.Add(await RawFtpClient.ConnectAsync(Server.Port, login: false));
        }

        using var extra = new TcpClient();
        await extra.ConnectAsync(System.Net.IPAddress.Loopback, Server.Port);
        using var reader = new StreamReader(extra.GetStream());
        Assert.StartsWith("421", await reader.ReadLineAsync());

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_client_that_does_not_log_in_in_time_gets_421_and_is_disconnected()
    {
        await using var quick = await FtpServerFixture.StartAsync(options => options.LoginGraceTime = TimeSpan.FromSeconds(1));
        await using var idle = await RawFtpClient.ConnectAsync(quick.Port, login: false);

        Assert.StartsWith("421", await idle.ReadReplyAsync());
        Assert.True(await idle.IsClosedByServerAsync());
    }

    [Fact]
    public async Task An_idle_session_is_closed_but_a_running_transfer_is_not_idle()
    {
        await using var quick = await FtpServerFixture.StartAsync(options => options.IdleTimeout = TimeSpan.FromSeconds(2));
        await using var client = await RawFtpClient.ConnectAsync(quick.Port);
        var port = await client.EpsvAsync();
        using (var data = await CameraQuirkTests.ConnectDataAsync(port))
        {
            Assert.StartsWith("150", await client.SendAsync("STOR slow.jpg"));

            // Data keeps flowing for longer than the idle timeout while no command is sent.
            for (var i = 0; i < 8; i++)
            {
                await data.GetStream().WriteAsync(new byte[1000]);
                await Task.Delay(500);
            }
        }

        Assert.StartsWith("226", await client.ReadReplyAsync());
        Assert.Equal(8000, new FileInfo(quick.PathOf("slow.jpg")).Length);
        Assert.StartsWith("421", await client.ReadReplyAsync());
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task A_failed_tls_handshake_is_reported_as_negotiation_failed()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, Server.ImplicitPort);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("USER cam1\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n"));

        Assert.True(await Server.WaitForEventAsync(SessionEventKind.NegotiationFailed));
    }
}
