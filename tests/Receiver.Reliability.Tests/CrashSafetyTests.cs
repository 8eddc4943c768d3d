namespace Receiver.Reliability.Tests;

/// <summary>
/// SIGKILL in the middle of uploads (a power cut, the OOM killer): what a camera owner finds afterwards is either a
/// complete file under its final name or nothing, and the restarted receiver takes uploads at once.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const string Camera = "garden";
    private const string Password = "Sup3rSecret";
    private const int LargeSize = 4 * 1024 * 1024;

    private readonly DataRoot _root = new();
    private readonly SourceFiles _sources = new();

    public CrashSafetyTests()
    {
        _root.AddCamera(Camera, Password);
    }

    [Fact]
    public async Task Killed_mid_upload_leaves_no_truncated_final_file_and_the_restarted_receiver_cleans_up_and_takes_uploads()
    {
        var schemes = ReceiverProcess.HasSftp ? new[] { "ftp", "sftp" } : ["ftp"];
        await using (var receiver = await ReceiverProcess.StartAsync(_root.Path))
        {
            // One upload that completes before the crash: it must survive the kill untouched.
            var done = _sources.Create("before.jpg", 300 * 1024);
            using (var first = await Curl.UploadAsync("ftp", receiver.FtpPort, Camera, Password, done, "before.jpg"))
            {
                Assert.True(first.ExitCode == 0, first.Output);
            }

            // Slow uploads (as over a camera's weak Wi-Fi), two per protocol, a few MB each.
            var slow = new List<ExternalProgram>();
            foreach (var scheme in schemes)
            {
                for (var i = 0; i < 2; i++)
                {
                    var name = $"clip-{scheme}-{i}.mp4";
                    var file = _sources.Create(name, LargeSize);
                    slow.Add(Curl.StartUpload(scheme, scheme == "ftp" ? receiver.FtpPort : receiver.SftpPort, Camera, Password, file, name, limitBytesPerSecond: 256 * 1024));
                }
            }

            try
            {
                // Mid-transfer: every slow upload has a staged temporary with data in it, none has finished.
                await Poll.UntilAsync(
                    () => _root.Temporaries().Count(t => new FileInfo(t).Length > 64 * 1024) >= slow.Count,
                    TimeSpan.FromSeconds(30),
                    $"{slow.Count} uploads in progress");
                Assert.All(slow, s => Assert.False(s.HasExited, s.Output));

                await receiver.KillAsync();
                foreach (var client in slow)
                {
                    await client.WaitAsync(TimeSpan.FromSeconds(30));
                    Assert.NotEqual(0, client.ExitCode);
                }
            }
            finally
            {
                slow.ForEach(s => s.Dispose());
            }
        }

        AssertEveryFinalFileIsComplete();
        Assert.True(File.Exists(_root.FinalPath(Camera, "before.jpg")));
        Assert.NotEmpty(_root.Temporaries());

        // Restart on the same data folder: the interrupted temporaries go, and a camera uploads at once.
        await using (var restarted = await ReceiverProcess.StartAsync(_root.Path))
        {
            Assert.Empty(_root.Temporaries());
            foreach (var scheme in schemes)
            {
                var name = $"after-{scheme}.jpg";
                var file = _sources.Create(name, 400 * 1024);
                using var upload = await Curl.UploadAsync(scheme, scheme == "ftp" ? restarted.FtpPort : restarted.SftpPort, Camera, Password, file, name);
                Assert.True(upload.ExitCode == 0, upload.Output);
                Assert.Equal(_sources.Contents(name), await File.ReadAllBytesAsync(_root.FinalPath(Camera, name)));
            }

            Assert.Contains("unfinished uploads left by an earlier run", restarted.Log, StringComparison.Ordinal);
        }

        AssertEveryFinalFileIsComplete();
        Assert.Empty(_root.Temporaries());
    }

    public void Dispose()
    {
        _root.Dispose();
        _sources.Dispose();
    }

    private void AssertEveryFinalFileIsComplete()
    {
        foreach (var path in _root.FinalFiles(Camera))
        {
            var name = Path.GetFileName(path);
            Assert.True(_sources.Has(name), $"unexpected file {path}");
            Assert.True(_sources.Contents(name).AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"{path} is not the file that was sent ({new FileInfo(path).Length} bytes)");
        }
    }
}
