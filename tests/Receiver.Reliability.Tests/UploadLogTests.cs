namespace Receiver.Reliability.Tests;

/// <summary>
/// What an owner reading the receiver's log sees of an upload: one Information line, written by storage's commit
/// beside the upload's event, whatever the protocol; the protocol's own lines about it are Debug.
/// </summary>
public sealed class UploadLogTests
{
    [Fact]
    public async Task An_sftp_and_an_ftp_upload_each_log_exactly_one_Information_line()
    {
        const string Camera = "porch", Password = "Sup3rSecret";
        using var root = new DataRoot();
        using var sources = new SourceFiles();
        root.AddCamera(Camera, Password);
        Assert.True(ReceiverProcess.HasSftp, "the host has no SSH server to test");
        await using var receiver = await ReceiverProcess.StartAsync(root.Path);
        foreach (var (scheme, port) in new[] { ("sftp", receiver.SftpPort), ("ftp", receiver.FtpPort) })
        {
            var name = $"log-{scheme}.jpg";
            using var upload = await Curl.UploadAsync(scheme, port, Camera, Password, sources.Create(name, 200 * 1024), name);
            Assert.True(upload.ExitCode == 0, upload.Output);
        }

        // Every line about an upload is written before its client's reply; a refused login after both uploads is a
        // marker behind which the log reader has read them all.
        using (var marker = await Curl.UploadAsync("ftp", receiver.FtpPort, "marker", "wrong", sources.Create("marker.jpg", 10), "marker.jpg"))
        {
            Assert.NotEqual(0, marker.ExitCode);
        }

        await Poll.UntilAsync(() => receiver.Log.Contains("login for marker", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the refused marker login in the log");
        var information = receiver.Log.Split('\n').Where(l => l.Contains(" INF] ", StringComparison.Ordinal)).ToArray();
        foreach (var scheme in new[] { "sftp", "ftp" })
        {
            var lines = information.Where(l => l.Contains($"log-{scheme}.jpg", StringComparison.Ordinal)).ToArray();
            var line = Assert.Single(lines);
            Assert.Contains($"Upload completed: {Camera} {scheme} ", line);
            Assert.Contains("(event ", line);
        }
    }
}
