using Receiver.Abstractions;
using Receiver.Ssh.Tests.Support;
using Receiver.Ssh.Tests.Transport;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Receiver.Ssh.Tests.Host;

/// <summary>SSH.NET's SftpClient uploading into the host's storage: the bytes must arrive at the final per-day path.</summary>
public sealed class SshNetSftpTests : HostSftpTests
{
    [Fact]
    public async Task PasswordUploadArrivesAtTheDailyPath()
    {
        Fixture.AddCamera("cam1", "Secret123");
        var data = RandomBytes(300_000);

        await UploadAsync(SshNetClients.Password(Fixture.Port, "cam1", "Secret123"), "/snap.jpg", data);

        Assert.Equal(data, await File.ReadAllBytesAsync(Fixture.FinalPath("cam1", "snap.jpg")));
        var login = await Fixture.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginSucceeded);
        Assert.Equal("password", login.Detail);
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("rsa", "rsa-sha2-256")]
    [InlineData("rsa", "rsa-sha2-512")]
    public async Task PublicKeyUploadArrivesAtTheDailyPath(string keyType, string signatureAlgorithm)
    {
        var key = await OpenSsh.NewKeyAsync(Fixture.Scratch, keyType);
        Fixture.AddCamera("cam1", "Secret123", key.PublicKey.ToOpenSshLine());
        var data = RandomBytes(100_000);
        var source = new OneSignatureAlgorithmKey(new PrivateKeyFile(key.Path), signatureAlgorithm);

        await UploadAsync(SshNetClients.PublicKey(Fixture.Port, "cam1", source), "/clip.mp4", data);

        Assert.Equal(data, await File.ReadAllBytesAsync(Fixture.FinalPath("cam1", "clip.mp4")));
        var login = await Fixture.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginSucceeded);
        Assert.Equal($"publickey {signatureAlgorithm}", login.Detail);
    }

    [Theory]
    [InlineData("curve25519-sha256", null, null)]
    [InlineData("curve25519-sha256@libssh.org", null, null)]
    [InlineData("diffie-hellman-group14-sha256", null, null)]
    [InlineData("diffie-hellman-group16-sha512", null, null)]
    [InlineData("diffie-hellman-group18-sha512", null, null)]
    [InlineData(null, "chacha20-poly1305@openssh.com", null)]
    [InlineData(null, "aes128-gcm@openssh.com", null)]
    [InlineData(null, "aes256-gcm@openssh.com", null)]
    [InlineData(null, "aes128-ctr", "hmac-sha2-256-etm@openssh.com")]
    [InlineData(null, "aes192-ctr", "hmac-sha2-512-etm@openssh.com")]
    [InlineData(null, "aes256-ctr", "hmac-sha2-256")]
    [InlineData(null, "aes256-ctr", "hmac-sha2-512")]
    public async Task UploadWorksWithEachAlgorithmForcedAlone(string? kex, string? cipher, string? mac)
    {
        Fixture.AddCamera("cam1", "Secret123");
        var data = RandomBytes(200_000);

        await UploadAsync(SshNetClients.Password(Fixture.Port, "cam1", "Secret123").Force(kex, cipher, mac), "/a.jpg", data);

        Assert.Equal(data, await File.ReadAllBytesAsync(Fixture.FinalPath("cam1", "a.jpg")));
    }

    [Fact]
    public async Task PathOutsideTheJailStaysInsideTheCameraFolder()
    {
        Fixture.AddCamera("cam1", "Secret123");
        Fixture.AddCamera("cam2", "Secret123");
        var data = RandomBytes(1000);

        await UploadAsync(SshNetClients.Password(Fixture.Port, "cam1", "Secret123"), "/../cam2/escape.jpg", data);

        Assert.Empty(Fixture.FilesOf("cam2"));
        Assert.DoesNotContain(Directory.GetFiles(Fixture.Root, "escape.jpg", SearchOption.AllDirectories), f => !f.Contains("/cam1/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepeatedWrongPasswordsLockTheAddressOutForThatAccount()
    {
        Fixture.AddCamera("cam1", "Secret123");
        for (var i = 0; i < 5; i++)
        {
            using var wrong = new SftpClient(SshNetClients.Password(Fixture.Port, "cam1", "nope" + i));
            await Assert.ThrowsAsync<SshAuthenticationException>(() => wrong.ConnectAsync(CancellationToken.None));
        }

        using var right = new SftpClient(SshNetClients.Password(Fixture.Port, "cam1", "Secret123"));
        await Assert.ThrowsAsync<SshAuthenticationException>(() => right.ConnectAsync(CancellationToken.None));
        await Fixture.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginFailed && e.Detail.Contains("locked out", StringComparison.Ordinal));
    }

    private static async Task UploadAsync(ConnectionInfo info, string path, byte[] data)
    {
        using var client = new SftpClient(info);
        await client.ConnectAsync(CancellationToken.None);
        using (var source = new MemoryStream(data))
        {
            await Task.Run(() => client.UploadFile(source, path));
        }

        client.Disconnect();
    }

    internal static byte[] RandomBytes(int length)
    {
        var data = new byte[length];
        Random.Shared.NextBytes(data);
        return data;
    }
}
