using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Receiver.Abstractions;
using Receiver.Ssh.Keys;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Tests.Support;
using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>
/// Publickey logins refuse cheaply first (the key's bounds, the account, the key's authorization) and verify a
/// signature only after that; a failed password or signature is answered after the fixed delay.
/// </summary>
public sealed class PublicKeyRefusalTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task An_rsa_key_with_a_huge_public_exponent_is_refused_before_any_signature_work()
    {
        await using var server = await TestServer.StartAsync(o => o.FailedAuthenticationDelay = TimeSpan.Zero);
        await using var client = await LoggedOutClientAsync(server);
        using var rsa = RSA.Create(2048);
        var modulus = rsa.ExportParameters(false).Modulus!;
        var exponent = RandomNumberGenerator.GetBytes(384); // 3071 bits, odd
        exponent[0] = 0x7f;
        exponent[^1] |= 1;
        using var blob = new SshWriter();
        blob.String("ssh-rsa").MpintFromMagnitude(exponent).MpintFromMagnitude(modulus);

        var answer = await client.SignedPublicKeyRequestAsync("camera", "rsa-sha2-256", blob.ToArray(), RawSshClient.RandomSignature("rsa-sha2-256", 256));

        Assert.Equal(MessageNumber.UserAuthFailure, answer[0]);
        Assert.Equal(0, server.Server.Settings!.SignatureChecks);
        var failed = await server.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginFailed);
        Assert.Contains("public exponent", failed.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("camera")] // a known account, the key not authorized for it
    [InlineData("nobody")] // no such account
    public async Task A_signed_request_with_a_key_not_authorized_is_refused_without_verifying_its_signature(string user)
    {
        await using var server = await TestServer.StartAsync(o => o.FailedAuthenticationDelay = TimeSpan.Zero);
        await using var client = await LoggedOutClientAsync(server);
        var key = SshHostKey.GenerateEd25519().PublicKey;

        var answer = await client.SignedPublicKeyRequestAsync(user, "ssh-ed25519", key.Blob, RawSshClient.RandomSignature("ssh-ed25519", 64));

        Assert.Equal(MessageNumber.UserAuthFailure, answer[0]);
        Assert.Equal(0, server.Server.Settings!.SignatureChecks);
    }

    [Fact]
    public async Task An_authorized_key_with_a_bad_signature_is_verified_once_and_its_failure_answered_after_the_delay()
    {
        await using var server = await TestServer.StartAsync(o => (o.TimeProvider, o.FailedAuthenticationDelay) = (_time, Delay));
        var key = SshHostKey.GenerateEd25519().PublicKey;
        server.Authenticator.AddKey("camera", key);
        await using var client = await LoggedOutClientAsync(server);

        var answer = client.SignedPublicKeyRequestAsync("camera", "ssh-ed25519", key.Blob, RawSshClient.RandomSignature("ssh-ed25519", 64));
        var advanced = await AdvanceUntilAnsweredAsync(server, answer);

        Assert.Equal(MessageNumber.UserAuthFailure, (await answer)[0]);
        Assert.True(advanced >= Delay, $"answered after {advanced} on the server's clock");
        Assert.Equal(1, server.Server.Settings!.SignatureChecks);
    }

    [Fact]
    public async Task A_wrong_password_is_answered_after_the_delay()
    {
        await using var server = await TestServer.StartAsync(o => (o.TimeProvider, o.FailedAuthenticationDelay) = (_time, Delay));
        await using var client = await LoggedOutClientAsync(server);

        await client.SendPasswordAsync("camera", "wrong");
        var answer = client.ReadAsync();
        var advanced = await AdvanceUntilAnsweredAsync(server, answer);

        Assert.Equal(MessageNumber.UserAuthFailure, (await answer)[0]);
        Assert.True(advanced >= Delay, $"answered after {advanced} on the server's clock");
    }

    private static async Task<RawSshClient> LoggedOutClientAsync(TestServer server)
    {
        var client = await RawSshClient.ConnectAsync(server.Port);
        await client.KeyExchangeAsync();
        await client.RequestUserAuthServiceAsync();
        return client;
    }

    /// <summary>Once the failure is logged, moves the server's clock in small steps until the answer arrives; returns how far.</summary>
    private async Task<TimeSpan> AdvanceUntilAnsweredAsync(TestServer server, Task<byte[]> answer)
    {
        await server.Events.WaitForAsync(e => e.Kind == SessionEventKind.LoginFailed);
        Assert.False(answer.IsCompleted, "answered before the server's clock moved");
        var step = TimeSpan.FromMilliseconds(250);
        var advanced = TimeSpan.Zero;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!answer.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "no answer");
            _time.Advance(step);
            advanced += step;
            await Task.WhenAny(answer, Task.Delay(50));
        }

        return advanced;
    }
}
