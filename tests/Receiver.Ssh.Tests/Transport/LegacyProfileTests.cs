using Receiver.Abstractions;
using Receiver.Ssh.Tests.Support;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>Old-client algorithms: refused (and explained) by default, accepted with the legacy profile.</summary>
public sealed class LegacyProfileTests
{
    [Theory]
    [InlineData("diffie-hellman-group14-sha1", null)]
    [InlineData("ecdh-sha2-nistp256", null)]
    [InlineData(null, "ssh-rsa")]
    public async Task LegacyOnlyClientIsRefusedByDefaultWithWhatItOffered(string? kex, string? hostKey)
    {
        await using var server = await TestServer.StartAsync();
        var info = SshNetClients.Password(server.Port, "camera", "secret-pass").Force(kex: kex, hostKey: hostKey);
        using var client = new SshClient(info);

        await Assert.ThrowsAnyAsync<SshException>(() => client.ConnectAsync(CancellationToken.None));

        var failed = await server.Events.WaitForAsync(e => e.Kind == SessionEventKind.NegotiationFailed);
        Assert.Contains(kex ?? hostKey!, failed.Detail);
        Assert.Contains(kex is null ? "host key" : "key exchange", failed.Detail);
    }

    [Theory]
    [InlineData("diffie-hellman-group14-sha1", null)]
    [InlineData("ecdh-sha2-nistp256", null)]
    [InlineData(null, "ssh-rsa")]
    public async Task LegacyOnlyClientIsAcceptedWithTheLegacyProfile(string? kex, string? hostKey)
    {
        await using var server = await TestServer.StartAsync(o => o.Profile = SshProfile.Legacy);
        var info = SshNetClients.Password(server.Port, "camera", "secret-pass").Force(kex: kex, hostKey: hostKey);
        using var client = new SshClient(info);

        await client.ConnectAsync(CancellationToken.None);

        Assert.True(client.IsConnected);
        Assert.Equal(kex ?? info.CurrentKeyExchangeAlgorithm, info.CurrentKeyExchangeAlgorithm);
        Assert.Equal(hostKey ?? info.CurrentHostKeyAlgorithm, info.CurrentHostKeyAlgorithm);
    }
}
