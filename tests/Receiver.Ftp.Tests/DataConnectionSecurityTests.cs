namespace Receiver.Ftp.Tests;

/// <summary>Data connections only to and from the control connection's peer; a broken upload leaves no file.</summary>
public sealed class DataConnectionSecurityTests : FtpServerTests
{
    private protected override void Configure(FtpServerOptions options) => options.DataConnectionTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Passive_connection_from_another_address_is_refused_and_the_peer_still_gets_in()
    {
        await using var client = await RawFtpClient.ConnectAsync(Server.Port);
        var port = await client.EpsvAsync();

        using var intruder = await CameraQuirkTests.ConnectDataAsync(port, from: IPAddress.Parse("127.0.0.2"));
        await client.SendRawAsync("STOR legit.jpg\r\n"u8.ToArray());
        var intruderRead = intruder.GetStream().ReadAsync(new byte[1]).AsTask();
        Assert.Equal(0, await intruderRead.WaitAsync(TimeSpan.FromSeconds(10)));

        using (var data = await CameraQuirkTests.ConnectDataAsync(port))
        {
            Assert.StartsWith("150", await client.ReadReplyAsync());
            await data.GetStream().WriteAsync(new byte[] { 1, 2, 3 });
        }

        Assert.StartsWith("226", await client.ReadReplyAsync());
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Server.PathOf("legit.jpg")));
        Assert.Contains(Server.Events.Events, e => e.Kind == SessionEventKind.Refused && e.Detail.Contains("127.0.0.2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Passive_connection_only_from_another_address_times_out_with_425()
    {
        await using var client = await RawFtpClient.ConnectAsync(Server.Port);
        var port = await client.EpsvAsync();
        using var intruder = await CameraQuirkTests.ConnectDataAsync(port, from: IPAddress.Parse("127.0.0.2"));

        Assert.StartsWith("425", await client.SendAsync("STOR stolen.jpg"));
        Assert.False(File.Exists(Server.PathOf("stolen.jpg")));
    }

    [Theory]
    [InlineData("PORT 10,1,2,3,200,10")]
    [InlineData("PORT 127,0,0,2,200,10")]
    [InlineData("EPRT |1|192.0.2.7|5000|")]
    [InlineData("EPRT |2|::1|5000|")]
    public async Task Active_mode_to_a_foreign_address_is_refused(string command)
    {
        await using var client = await RawFtpClient.ConnectAsync(Server.Port);

        Assert.StartsWith("500", await client.SendAsync(command));
        Assert.StartsWith("425", await client.SendAsync("STOR bounce.jpg"));
        Assert.Contains(Server.Events.Events, e => e.Kind == SessionEventKind.Refused);
    }

    [Fact]
    public async Task Dropped_data_connection_mid_upload_leaves_no_file_and_replies_426()
    {
        await using var client = await RawFtpClient.ConnectAsync(Server.Port);

        Assert.Equal("426 Connection closed; transfer aborted.", await client.StoreThenResetAsync("broken.jpg", 100_000));
        Assert.False(File.Exists(Server.PathOf("broken.jpg")));
        Assert.Empty(Directory.GetFiles(Server.Root));
        Assert.Contains(Server.Events.Events, e => e.Kind == SessionEventKind.UploadFailed);
        Assert.StartsWith("200", await client.SendAsync("NOOP"));
    }

    [Fact]
    public async Task Abor_during_an_upload_aborts_it()
    {
        await using var client = await RawFtpClient.ConnectAsync(Server.Port);
        var port = await client.EpsvAsync();
        using var data = await CameraQuirkTests.ConnectDataAsync(port);
        Assert.StartsWith("150", await client.SendAsync("STOR aborted.jpg"));
        await data.GetStream().WriteAsync(new byte[10_000]);

        Assert.StartsWith("426", await client.SendAsync("ABOR"));
        Assert.StartsWith("226", await client.ReadReplyAsync());
        Assert.False(File.Exists(Server.PathOf("aborted.jpg")));
    }
}
