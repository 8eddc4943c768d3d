using Receiver.Ssh.Tests.Support;
using Renci.SshNet;

namespace Receiver.Ssh.Tests.Host;

/// <summary>Ssh:RekeyAfterMegabytes from the configuration reaches the server: it re-keys during a large upload.</summary>
public sealed class RekeySettingTests
{
    [Fact]
    public async Task With_RekeyAfterMegabytes_1_the_server_re_keys_during_a_12_MB_upload_and_the_file_arrives_whole()
    {
        await using var fixture = await HostSftpFixture.StartAsync(config: new Dictionary<string, string?> { ["Ssh:RekeyAfterMegabytes"] = "1" });
        fixture.AddCamera("cam1", "Secret123");
        using var client = new SftpClient(SshNetClients.Password(fixture.Port, "cam1", "Secret123"));

        // SSH.NET checks the host key at every key exchange and never starts one itself: each check after the
        // first is a re-key the server asked for.
        var exchanges = 0;
        client.HostKeyReceived += (_, _) => Interlocked.Increment(ref exchanges);
        client.Connect();
        var clip = SshNetSftpTests.RandomBytes(12 * 1024 * 1024);
        await Task.Run(() => client.UploadFile(new MemoryStream(clip), "/clip.mp4"));
        client.Disconnect();

        // 12 MB through 1 MB keys: the client may send up to a window (4 MB) more before it answers the server's
        // KEXINIT, so at least two re-keys; with the default 1 GB there would be only the first exchange.
        Assert.True(Volatile.Read(ref exchanges) >= 3, $"{exchanges} key exchanges");
        Assert.Equal(clip, await File.ReadAllBytesAsync(fixture.FinalPath("cam1", "clip.mp4")));
    }
}
