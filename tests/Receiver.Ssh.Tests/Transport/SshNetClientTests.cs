using Receiver.Abstractions;
using Receiver.Ssh.Tests.Support;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>SSH.NET in-process: logins, every algorithm forced one at a time, refusals.</summary>
public sealed class SshNetClientTests : TestServerTests
{
    [Fact]
    public async Task PasswordLoginSucceeds()
    {
        using var client = new SshClient(SshNetClients.Password(Server.Port, "camera", "secret-pass"));
        await client.ConnectAsync(CancellationToken.None);

        Assert.True(client.IsConnected);
        var login = await Server.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginSucceeded);
        Assert.Equal("password", login.Detail);
        Assert.Equal("camera", login.User);
    }

    [Fact]
    public async Task WrongPasswordIsRefused()
    {
        using var client = new SshClient(SshNetClients.Password(Server.Port, "camera", "wrong"));
        await Assert.ThrowsAsync<SshAuthenticationException>(() => client.ConnectAsync(CancellationToken.None));

        var failed = await Server.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginFailed);
        Assert.Contains("wrong password", failed.Detail);
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("rsa", "rsa-sha2-256")]
    [InlineData("rsa", "rsa-sha2-512")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256")]
    public async Task PublicKeyLoginSucceeds(string keyType, string signatureAlgorithm)
    {
        var key = await OpenSsh.NewKeyAsync(Server.Scratch, keyType);
        Server.Authenticator.AddKey("camera", key.PublicKey);
        var source = new OneSignatureAlgorithmKey(new PrivateKeyFile(key.Path), signatureAlgorithm);

        using var client = new SshClient(SshNetClients.PublicKey(Server.Port, "camera", source));
        await client.ConnectAsync(CancellationToken.None);

        var login = await Server.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginSucceeded);
        Assert.Equal($"publickey {signatureAlgorithm}", login.Detail);
    }

    [Fact]
    public async Task KeyNotInTheAccountIsRefused()
    {
        var authorized = await OpenSsh.NewKeyAsync(Server.Scratch, "ed25519", "authorized");
        var other = await OpenSsh.NewKeyAsync(Server.Scratch, "ed25519", "other");
        Server.Authenticator.AddKey("camera", authorized.PublicKey);

        using var client = new SshClient(SshNetClients.PublicKey(Server.Port, "camera", new PrivateKeyFile(other.Path)));
        await Assert.ThrowsAsync<SshAuthenticationException>(() => client.ConnectAsync(CancellationToken.None));
        var failed = await Server.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginFailed);
        Assert.Contains("key not authorized", failed.Detail);
    }

    [Fact]
    public async Task Sha1RsaSignatureIsRefusedUnlessTheAccountAllowsIt()
    {
        var key = await OpenSsh.NewKeyAsync(Server.Scratch, "rsa");
        Server.Authenticator.AddKey("camera", key.PublicKey);
        var sha1Only = new OneSignatureAlgorithmKey(new PrivateKeyFile(key.Path), "ssh-rsa");

        using (var refused = new SshClient(SshNetClients.PublicKey(Server.Port, "camera", sha1Only)))
        {
            await Assert.ThrowsAsync<SshAuthenticationException>(() => refused.ConnectAsync(CancellationToken.None));
        }

        Server.Authenticator.Sha1Allowed["camera"] = true;
        using var allowed = new SshClient(SshNetClients.PublicKey(Server.Port, "camera", sha1Only));
        await allowed.ConnectAsync(CancellationToken.None);
        var login = await Server.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginSucceeded);
        Assert.Equal("publickey ssh-rsa", login.Detail);
    }

    [Theory]
    [InlineData(null, null, null, "ssh-ed25519")]
    [InlineData(null, null, null, "rsa-sha2-256")]
    [InlineData(null, null, null, "rsa-sha2-512")]
    public async Task EachAlgorithmForcedAloneWorks(string? kex, string? cipher, string? mac, string? hostKey)
    {
        var info = SshNetClients.Password(Server.Port, "camera", "secret-pass").Force(kex, cipher, mac, hostKey);
        using var client = new SshClient(info);
        string? seenHostKey = null;
        client.HostKeyReceived += (_, e) => seenHostKey = e.HostKeyName;
        await client.ConnectAsync(CancellationToken.None);

        Assert.True(client.IsConnected);
        if (kex is not null)
        {
            // SSH.NET reports both curve25519 names by the RFC 8731 one.
            Assert.StartsWith(kex.Split('@')[0], info.CurrentKeyExchangeAlgorithm);
        }
        if (cipher is not null)
        {
            Assert.Equal(cipher, info.CurrentClientEncryption);
            Assert.Equal(cipher, info.CurrentServerEncryption);
        }

        if (mac is not null)
        {
            Assert.Equal(mac, info.CurrentClientHmacAlgorithm);
        }

        if (hostKey is not null)
        {
            Assert.Equal(hostKey, info.CurrentHostKeyAlgorithm);
        }

        Assert.NotNull(seenHostKey);
    }

    [Fact]
    public async Task ExecIsRefused()
    {
        using var client = new SshClient(SshNetClients.Password(Server.Port, "camera", "secret-pass"));
        await client.ConnectAsync(CancellationToken.None);

        SshCommand? command = null;
        var error = Record.Exception(() => command = client.RunCommand("id"));

        Assert.True(error is not null || (command!.Result.Length == 0 && command.ExitStatus != 0), "exec was not refused");
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task PortForwardingIsRefused()
    {
        using var client = new SshClient(SshNetClients.Password(Server.Port, "camera", "secret-pass"));
        await client.ConnectAsync(CancellationToken.None);
        using var forward = new ForwardedPortRemote("127.0.0.1", 0, "127.0.0.1", 22);
        client.AddForwardedPort(forward);

        Assert.ThrowsAny<Exception>(() => forward.Start());
        Assert.True(client.IsConnected);
    }
}
