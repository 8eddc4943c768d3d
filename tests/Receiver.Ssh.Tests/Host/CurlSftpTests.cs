using System.Globalization;
using System.Security.Cryptography;
using Receiver.Abstractions;
using Receiver.Ssh.Tests.Support;
using Receiver.Ssh.Tests.Transport;

namespace Receiver.Ssh.Tests.Host;

/// <summary>curl (libcurl + libssh2 1.10), the stack many cameras run, uploading over sFTP.</summary>
public sealed class CurlSftpTests : HostSftpTests
{
    private string _local = "";
    private byte[] _data = [];

    private protected override async Task PrepareAsync()
    {
        _local = Fixture.Scratch.Combine("snap.jpg");
        _data = SshNetSftpTests.RandomBytes(300_000);
        await File.WriteAllBytesAsync(_local, _data);
    }

    [Fact]
    public async Task PasswordUploadWithThePinnedHostKeyArrives()
    {
        Fixture.AddCamera("cam1", "Secret123");
        var pin = Fixture.HostKeys.Ed25519.PublicKey.Sha256Fingerprint["SHA256:".Length..];

        var result = await CurlAsync("-u", "cam1:Secret123", "--hostpubsha256", pin, "-T", _local, Url("/snap.jpg"));

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(_data, await File.ReadAllBytesAsync(Fixture.FinalPath("cam1", "snap.jpg")));
    }

    [Fact]
    public async Task AWrongHostKeyPinFailsBeforeLogin()
    {
        Fixture.AddCamera("cam1", "Secret123");
        var wrongPin = Convert.ToBase64String(SHA256.HashData("someone else"u8)).TrimEnd('=');

        var result = await CurlAsync("-u", "cam1:Secret123", "--hostpubsha256", wrongPin, "-T", _local, Url("/snap.jpg"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(Fixture.FilesOf("cam1"));
        Assert.DoesNotContain(Fixture.Events.All, e => e.Kind == SessionEventKind.LoginSucceeded);
    }

    [Fact]
    public async Task Ed25519KeyOnlyUploadIntoNestedCreatedFolders()
    {
        var key = await OpenSsh.NewKeyAsync(Fixture.Scratch, "ed25519", "camera_ed25519");
        Fixture.AddCamera("cam1", "Secret123", key.PublicKey.ToOpenSshLine());

        var result = await CurlAsync("-u", "cam1:", "--key", key.Path, "--pubkey", key.Path + ".pub", "--ftp-create-dirs", "-T", _local, Url("/2026/alarm/snap.jpg"));

        await AssertArrivedAsync(result, "2026/alarm/snap.jpg", "publickey ssh-ed25519");
    }

    /// <summary>libssh2 1.10 signs RSA user auth with ssh-rsa (SHA-1): refused, and explained, unless the account allows it.</summary>
    [Fact]
    public async Task RsaKeyOfLibssh2NeedsSha1AllowedForThatAccount()
    {
        var key = Fixture.Scratch.Combine("camera_rsa");
        var gen = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", key]);
        Assert.True(gen.ExitCode == 0, gen.Describe());
        Fixture.AddCamera("cam1", "Secret123", (await File.ReadAllTextAsync(key + ".pub")).Trim());
        string[] upload = ["-u", "cam1:", "--key", key, "--pubkey", key + ".pub", "-T", _local, Url("/snap.jpg")];

        var refused = await CurlAsync(upload);
        Assert.Equal(67, refused.ExitCode);
        var failure = await Fixture.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginFailed && e.Detail.Contains("ssh-rsa", StringComparison.Ordinal));
        Assert.Contains("not allowed", failure.Detail);

        Fixture.Accounts.Update("cam1", current => current! with { AllowSshRsaSha1 = true });
        var accepted = await CurlAsync(upload);

        await AssertArrivedAsync(accepted, "snap.jpg", "publickey ssh-rsa");
    }

    [Fact]
    public async Task AWrongPasswordIsRefused()
    {
        Fixture.AddCamera("cam1", "Secret123");

        var result = await CurlAsync("-u", "cam1:wrong", "-T", _local, Url("/snap.jpg"));

        Assert.Equal(67, result.ExitCode);
        Assert.Empty(Fixture.FilesOf("cam1"));
    }

    /// <summary>curl succeeded, the file's bytes are at the camera's final path, and the login used <paramref name="method"/>.</summary>
    private async Task AssertArrivedAsync(ExternalProcess.Result curl, string path, string method)
    {
        Assert.True(curl.ExitCode == 0, curl.Describe());
        Assert.Equal(_data, await File.ReadAllBytesAsync(Fixture.FinalPath("cam1", path)));
        var login = await Fixture.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginSucceeded);
        Assert.Equal(method, login.Detail);
    }

    private string Url(string path) => $"sftp://127.0.0.1:{Fixture.Port.ToString(CultureInfo.InvariantCulture)}{path}";

    private static Task<ExternalProcess.Result> CurlAsync(params string[] arguments) =>
        ExternalProcess.RunAsync("curl", ["-sS", "--insecure", "--connect-timeout", "20", .. arguments], timeout: TimeSpan.FromSeconds(60));
}
