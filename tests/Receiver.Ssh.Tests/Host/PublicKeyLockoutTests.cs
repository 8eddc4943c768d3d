using Receiver.Abstractions;
using Receiver.Ssh.Keys;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Tests.Support;

namespace Receiver.Ssh.Tests.Host;

/// <summary>
/// With the real host's accounts and lockout: a signed publickey attempt refused before its signature is checked (a
/// key not authorized) and one whose signature fails both count as failed logins, so they lock the address out for
/// that account as wrong passwords do. A query (no signature) counts nothing: clients try their keys that way.
/// </summary>
public sealed class PublicKeyLockoutTests
{
    [Fact]
    public async Task Signed_attempts_with_a_stranger_key_or_a_bad_signature_lock_the_address_out_for_that_account()
    {
        await using var fixture = await HostSftpFixture.StartAsync(o => o.FailedAuthenticationDelay = TimeSpan.Zero);
        var authorized = SshHostKey.GenerateEd25519().PublicKey;
        fixture.AddCamera("cam1", "Secret123", authorized.ToOpenSshLine());
        var stranger = SshHostKey.GenerateEd25519().PublicKey;

        await using (var client = await RawSshClient.ConnectAsync(fixture.Port))
        {
            await client.KeyExchangeAsync();
            await client.RequestUserAuthServiceAsync();
            foreach (var key in new[] { stranger, stranger, stranger, authorized, authorized })
            {
                var answer = await client.SignedPublicKeyRequestAsync("cam1", "ssh-ed25519", key.Blob, RawSshClient.RandomSignature("ssh-ed25519", 64));
                Assert.Equal(MessageNumber.UserAuthFailure, answer[0]);
            }
        }

        Assert.Equal(2, fixture.Server.Settings!.SignatureChecks); // only the authorized key's signatures were checked
        await using var camera = await RawSshClient.ConnectWithKeysAsync(fixture.Port);
        Assert.False(await camera.PasswordLoginAsync("cam1", "Secret123"));
        await fixture.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginFailed && e.Detail.Contains("locked out", StringComparison.Ordinal));
    }
}
