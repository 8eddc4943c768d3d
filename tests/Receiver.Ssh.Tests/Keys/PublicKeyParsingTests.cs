using Receiver.Ssh.Keys;
using Receiver.Ssh.Tests.Support;

namespace Receiver.Ssh.Tests.Keys;

public sealed class PublicKeyParsingTests
{
    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("rsa", "ssh-rsa")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256")]
    public async Task ParsesPublicKeysFromSshKeygen(string type, string keyType)
    {
        using var dir = new TempFolder();
        var path = dir.Combine("key");
        var gen = await ExternalProcess.RunAsync("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", "camera one", "-f", path]);
        Assert.True(gen.ExitCode == 0, gen.Describe());
        var line = (await File.ReadAllTextAsync(path + ".pub")).Trim();

        var key = SshPublicKey.ParseAuthorizedKey(line);

        Assert.Equal(keyType, key.KeyType);
        Assert.Equal("camera one", key.Comment);
        Assert.Equal(line, key.ToOpenSshLine());
        Assert.Equal(await HostKeyInteropTests.KeygenFingerprintAsync(path + ".pub"), key.Sha256Fingerprint);
        Assert.Equal(key.Blob, Convert.FromBase64String(key.Base64));
        Assert.True(SshPublicKey.FromBlob(key.Blob).SameKeyAs(key));
    }

    [Fact]
    public void ToleratesAnOptionsPrefix()
    {
        var plain = SshHostKey.GenerateEd25519().PublicKey;
        var key = SshPublicKey.ParseAuthorizedKey($"from=\"10.0.0.1, 10.0.0.2\",no-pty {plain.KeyType} {plain.Base64} cam");
        Assert.True(key.SameKeyAs(plain));
        Assert.Equal("cam", key.Comment);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# a comment")]
    [InlineData("ssh-ed25519")]
    [InlineData("ssh-ed25519 not-base64!")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBAD")]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP")]
    public void RefusesMalformedLines(string line)
    {
        Assert.Throws<FormatException>(() => SshPublicKey.ParseAuthorizedKey(line));
    }

    [Fact]
    public void RefusesATypeThatDoesNotMatchTheBlob()
    {
        var plain = SshHostKey.GenerateEd25519().PublicKey;
        var error = Assert.Throws<FormatException>(() => SshPublicKey.ParseAuthorizedKey($"ssh-rsa {plain.Base64}"));
        Assert.Contains("ssh-ed25519", error.Message);
    }
}
