using Receiver.Ssh.Keys;
using Receiver.Ssh.Tests.Support;

namespace Receiver.Ssh.Tests.Keys;

/// <summary>Our key files and fingerprints must agree with OpenSSH's ssh-keygen in both directions.</summary>
public sealed class HostKeyInteropTests
{
    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public async Task ParsesKeysWrittenBySshKeygen(string type)
    {
        using var dir = new TempFolder();
        var path = dir.Combine("key");
        var gen = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", "cam@test", "-f", path]);
        Assert.True(gen.ExitCode == 0, gen.Describe());

        var key = SshHostKey.ParseOpenSsh(await File.ReadAllTextAsync(path));

        var publicLine = (await File.ReadAllTextAsync(path + ".pub")).Trim();
        Assert.Equal(publicLine, key.PublicKey.ToOpenSshLine());
        Assert.Equal(type == "rsa" ? "ssh-rsa" : "ssh-ed25519", key.KeyType);
        Assert.Equal("cam@test", key.PublicKey.Comment);
        Assert.Equal(await KeygenFingerprintAsync(path + ".pub"), key.PublicKey.Sha256Fingerprint);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public async Task SshKeygenAcceptsKeysWeWrite(string type)
    {
        using var dir = new TempFolder();
        var key = type == "rsa" ? SshHostKey.GenerateRsa(2048) : SshHostKey.GenerateEd25519();
        var path = dir.Combine("key");
        await File.WriteAllTextAsync(path, key.ToOpenSshPrivateKey("receiver host key"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var derived = await ExternalProcess.RunAsync("ssh-keygen", ["-y", "-f", path]);
        Assert.True(derived.ExitCode == 0, derived.Describe());
        Assert.Equal(key.PublicKey.Base64, derived.StandardOutput.Trim().Split(' ')[1]);
        Assert.Equal(await KeygenFingerprintAsync(path), key.PublicKey.Sha256Fingerprint);

        var reparsed = SshHostKey.ParseOpenSsh(await File.ReadAllTextAsync(path));
        Assert.True(reparsed.PublicKey.SameKeyAs(key.PublicKey));
        Assert.Equal("receiver host key", reparsed.PublicKey.Comment);
    }

    [Fact]
    public async Task RefusesAnEncryptedKeyWithAClearMessage()
    {
        using var dir = new TempFolder();
        var path = dir.Combine("key");
        var gen = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "secret-pass", "-f", path]);
        Assert.True(gen.ExitCode == 0, gen.Describe());

        var error = Assert.Throws<FormatException>(() => SshHostKey.ParseOpenSsh(File.ReadAllText(path)));
        Assert.Contains("encrypted", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\n")]
    public void RefusesTextThatIsNotAnOpenSshKey(string text)
    {
        Assert.Throws<FormatException>(() => SshHostKey.ParseOpenSsh(text));
    }

    internal static async Task<string> KeygenFingerprintAsync(string path)
    {
        var result = await ExternalProcess.RunAsync("ssh-keygen", ["-l", "-E", "sha256", "-f", path]);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.StandardOutput.Split(' ')[1];
    }
}
