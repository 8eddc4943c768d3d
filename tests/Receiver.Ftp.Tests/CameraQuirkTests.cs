namespace Receiver.Ftp.Tests;

/// <summary>What cameras send, byte for byte, and the replies they depend on.</summary>
public sealed class CameraQuirkTests : FtpServerTests
{
    [Fact]
    public async Task Camera_walks_into_a_missing_path_then_creates_it_level_by_level_and_uploads()
    {
        await using var client = await RawFtpClient.ConnectAsync(Server.Port);

        Assert.StartsWith("200", await client.SendAsync("TYPE I"));
        Assert.StartsWith("550", await client.SendAsync("CWD //ipcam/20261128"));
        Assert.Equal("257 \"/ipcam\" created.", await client.SendAsync("MKD ipcam"));
        Assert.StartsWith("250", await client.SendAsync("CWD ipcam"));
        Assert.Equal("257 \"/ipcam/20261128\" created.", await client.SendAsync("XMKD 20261128"));
        Assert.StartsWith("250", await client.SendAsync("XCWD 20261128"));
        Assert.Equal("257 \"/ipcam/20261128\" is the current directory.", await client.SendAsync("XPWD"));
        Assert.StartsWith("200", await client.SendAsync("ALLO 123456"));
        await UploadAsync(client, "A_alarm.jpg", [1, 2, 3, 4]);
        Assert.StartsWith("250", await client.SendAsync("CDUP"));
        Assert.StartsWith("250", await client.SendAsync("XCWD //ipcam/20261128"));

        Assert.Equal([1, 2, 3, 4], await File.ReadAllBytesAsync(Server.PathOf("ipcam/20261128/A_alarm.jpg")));
    }

    [Fact]
    public async Task Upload_into_the_account_root_works()
    {
        await using var client = await RawFtpClient.ConnectAsync(Server.Port);

        await UploadAsync(client, "/root-snap.jpg", [9, 8, 7]);

        Assert.Equal([9, 8, 7], await File.ReadAllBytesAsync(Server.PathOf("root-snap.jpg")));
    }

    [Fact]
    public async Task Replies_follow_the_rfc_forms()
    {
        await using var client = await RawFtpClient.ConnectAsync(Server.Port, login: false);

        var features = await client.SendAsync("FEAT");
        Assert.StartsWith("211-", features);
        Assert.EndsWith("211 End", features);
        Assert.Contains("\n AUTH TLS", features);
        Assert.Contains("\n UTF8", features);
        Assert.Contains("\n EPSV", features);
        // Each command and the start of the reply it must get, in order (the session's state carries over).
        (string Command, string Reply)[] dialogue =
        [
            ("OPTS UTF8 ON", "200"), ("SYST", "215 UNIX"), ("PWD", "530"), ("USER cam1", "331"), ("PASS secret1", "230"),
            ("PWD", "257 \"/\" is the current directory."), ("MKD a \"quoted\" dir", "257"), ("CWD a \"quoted\" dir", "250"),
            ("PWD", "257 \"/a \"\"quoted\"\" dir\" is the current directory."), ("XCUP", "250"), ("XRMD a \"quoted\" dir", "250"),
            ("TYPE E", "504"), ("TYPE A", "200"), ("MODE S", "200"), ("STRU F", "200"), ("SITE CHMOD 777 x", "502"),
        ];
        foreach (var (command, reply) in dialogue)
        {
            Assert.StartsWith(reply, await client.SendAsync(command));
        }

        var help = await client.SendAsync("HELP");
        Assert.StartsWith("214-", help);
        Assert.EndsWith("214 Help OK.", help);
        var status = await client.SendAsync("STAT");
        Assert.StartsWith("211-", status);
        Assert.EndsWith("211 End of status", status);
        Assert.StartsWith("225", await client.SendAsync("ABOR"));
        Assert.StartsWith("221", await client.SendAsync("QUIT"));
    }

    [Fact]
    public async Task File_commands_rest_size_mdtm_rename_and_mlst()
    {
        await File.WriteAllBytesAsync(Server.PathOf("clip.mp4"), new byte[1000]);
        File.SetLastWriteTimeUtc(Server.PathOf("clip.mp4"), new DateTime(2026, 11, 27, 10, 11, 12, DateTimeKind.Utc));
        await using var client = await RawFtpClient.ConnectAsync(Server.Port);

        Assert.Equal("213 1000", await client.SendAsync("SIZE clip.mp4"));
        Assert.Equal("213 20261127101112", await client.SendAsync("MDTM clip.mp4"));
        Assert.StartsWith("350", await client.SendAsync("REST 400"));
        var port = await client.EpsvAsync();
        using (var data = await ConnectDataAsync(port))
        {
            Assert.StartsWith("150", await client.SendAsync("APPE clip.mp4"));
            await data.GetStream().WriteAsync(new byte[] { 5, 5 });
        }

        Assert.StartsWith("226", await client.ReadReplyAsync());
        Assert.StartsWith("350", await client.SendAsync("RNFR clip.mp4"));
        Assert.StartsWith("250", await client.SendAsync("RNTO renamed.mp4"));
        var mlst = await client.SendAsync("MLST renamed.mp4");
        Assert.StartsWith("250-", mlst);
        Assert.Contains("type=file;size=1002;", mlst);
        Assert.StartsWith("503", await client.SendAsync("RNTO other.mp4"));
        Assert.StartsWith("550", await client.SendAsync("SIZE missing.mp4"));

        Assert.Equal(1002, new FileInfo(Server.PathOf("renamed.mp4")).Length);
        Assert.False(File.Exists(Server.PathOf("clip.mp4")));
    }

    internal static async Task UploadAsync(RawFtpClient client, string path, byte[] bytes)
    {
        var port = await client.EpsvAsync();
        using (var data = await ConnectDataAsync(port))
        {
            Assert.StartsWith("150", await client.SendAsync("STOR " + path));
            await data.GetStream().WriteAsync(bytes);
        }

        Assert.StartsWith("226", await client.ReadReplyAsync());
    }

    internal static async Task<TcpClient> ConnectDataAsync(int port, IPAddress? from = null)
    {
        var data = from is null ? new TcpClient() : new TcpClient(new IPEndPoint(from, 0));
        await data.ConnectAsync(IPAddress.Loopback, port);
        return data;
    }
}
