using Microsoft.Extensions.Options;
using Receiver.Keys;

namespace Receiver.Tests.Keys;

public sealed class HostKeyStoreTests : DataFolderTests
{
    [Fact]
    public void Keys_are_created_once_with_mode_0600_and_keep_their_fingerprint()
    {
        var first = new HostKeyStore(Paths, NullLogger<HostKeyStore>.Instance);
        var fingerprint = first.Ed25519.PublicKey.Sha256Fingerprint;
        Assert.Equal("ssh-ed25519", first.Keys[0].KeyType);
        Assert.Equal("ssh-rsa", first.Keys[1].KeyType);

        var again = new HostKeyStore(Paths, NullLogger<HostKeyStore>.Instance);
        Assert.Equal(fingerprint, again.Ed25519.PublicKey.Sha256Fingerprint);
        Assert.Equal(first.Keys[1].PublicKey.Sha256Fingerprint, again.Keys[1].PublicKey.Sha256Fingerprint);
        foreach (var path in new[] { first.Ed25519Path, first.RsaPath })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----", File.ReadAllText(path));
        }
    }

    [Fact]
    public void A_damaged_key_stops_with_a_clear_message_and_is_not_overwritten()
    {
        var store = new HostKeyStore(Paths, NullLogger<HostKeyStore>.Instance);
        _ = store.Keys;
        File.WriteAllText(store.Ed25519Path, "garbage");

        var ex = Assert.Throws<Receiver.Hosting.StartFailureException>(() => new HostKeyStore(Paths, NullLogger<HostKeyStore>.Instance).Keys);
        Assert.Contains(store.Ed25519Path, ex.Message);
        Assert.Contains("left untouched", ex.Message);
        Assert.Equal("garbage", File.ReadAllText(store.Ed25519Path));
    }

    [Fact]
    public void The_ftps_certificate_is_self_signed_once_and_kept()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new FtpsOptions());
        var first = new TlsCertificateStore(Paths, options, TimeProvider.System, NullLogger<TlsCertificateStore>.Instance);
        var thumbprint = first.Certificate.Thumbprint;
        Assert.True(first.Certificate.HasPrivateKey);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.KeyPath));

        var again = new TlsCertificateStore(Paths, options, TimeProvider.System, NullLogger<TlsCertificateStore>.Instance);
        Assert.Equal(thumbprint, again.Certificate.Thumbprint);
    }
}
