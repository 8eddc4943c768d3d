using System.Buffers.Binary;
using Receiver.Abstractions;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Tests.Support;
using Receiver.Ssh.Wire;
using Renci.SshNet;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>Strict KEX (Terrapin) rules and hostile input: each bad connection ends alone, the server keeps serving.</summary>
public sealed class StrictKexAndMalformedInputTests : TestServerTests
{
    [Fact]
    public async Task ServerAnnouncesStrictKexAndNoBannerVersion()
    {
        await using var client = await RawSshClient.ConnectWithKeysAsync(Server.Port);

        Assert.Equal("SSH-2.0-Receiver", client.ServerVersion);
        Assert.Contains("kex-strict-s-v00@openssh.com", client.ServerKexInit!.KexAlgorithms);
        Assert.True(await client.PasswordLoginAsync("camera", "secret-pass"));
    }

    [Fact]
    public async Task StrictKexRefusesAMessageBeforeKexInit()
    {
        await using var client = await RawSshClient.ConnectAsync(Server.Port);
        await client.SendAsync(MessageNumber.Ignore, 0, 0, 0, 0);
        await client.SendAsync(client.ClientKexInit(strict: true));

        Assert.True(await client.ServerClosesAsync());
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task WithoutStrictKexAnIgnoreBeforeKexInitIsTolerated()
    {
        await using var client = await RawSshClient.ConnectAsync(Server.Port);
        await client.SendAsync(MessageNumber.Ignore, 0, 0, 0, 0);
        await client.KeyExchangeAsync(strict: false);

        Assert.True(await client.PasswordLoginAsync("camera", "secret-pass"));
    }

    [Fact]
    public async Task StrictKexRefusesAnUnexpectedMessageDuringTheExchange()
    {
        await using var client = await RawSshClient.ConnectAsync(Server.Port);
        await client.SendAsync(client.ClientKexInit(strict: true));
        await client.SendAsync(MessageNumber.Ignore, 0, 0, 0, 0);

        Assert.True(await client.ServerClosesAsync());
    }

    [Theory]
    [InlineData(0xFFFFFFF0u)]
    [InlineData(300_000u)]
    [InlineData(3u)]
    public async Task AnOversizedOrUndersizedPacketBeforeAuthenticationEndsOnlyThatConnection(uint length)
    {
        await using var client = await RawSshClient.ConnectAsync(Server.Port);
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(header, length);
        await client.Stream.WriteAsync(header);

        Assert.True(await client.ServerClosesAsync());
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task ATruncatedPacketThenHangUpEndsOnlyThatConnection()
    {
        await using (var client = await RawSshClient.ConnectAsync(Server.Port))
        {
            var header = new byte[10];
            BinaryPrimitives.WriteUInt32BigEndian(header, 60);
            await client.Stream.WriteAsync(header);
        }

        await Server.Events.WaitForAsync(e => e.Kind == SessionEventKind.Closed);
        await AssertServerStillServesAsync();
    }

    [Theory]
    [InlineData(new byte[] { MessageNumber.ChannelOpen })]
    [InlineData(new byte[] { MessageNumber.ChannelData, 0, 0, 0, 9, 0, 0, 0, 1, 42 })]
    [InlineData(new byte[] { MessageNumber.ChannelOpen, 0, 0, 0, 200, 1, 2 })]
    [InlineData(new byte[] { MessageNumber.KexDhInit, 0, 0, 0, 32 })]
    [InlineData(new byte[] { MessageNumber.ServiceRequest, 0, 0, 0, 12, 115, 115, 104 })]
    public async Task MalformedMessagesAfterAuthenticationEndOnlyThatConnection(byte[] payload)
    {
        await using var client = await RawSshClient.ConnectWithKeysAsync(Server.Port);
        Assert.True(await client.PasswordLoginAsync("camera", "secret-pass"));

        await client.SendAsync(payload);

        Assert.True(await client.ServerClosesAsync());
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task AnOversizedEncryptedPacketAfterAuthenticationEndsOnlyThatConnection()
    {
        await using var client = await RawSshClient.ConnectWithKeysAsync(Server.Port);
        Assert.True(await client.PasswordLoginAsync("camera", "secret-pass"));

        // aes128-gcm sends the length in clear: announce 16 MB.
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, 16 * 1024 * 1024);
        await client.Stream.WriteAsync(header);

        Assert.True(await client.ServerClosesAsync());
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task ChannelMessagesBeforeAuthenticationAreRefused()
    {
        await using var client = await RawSshClient.ConnectWithKeysAsync(Server.Port);
        using var open = new SshWriter();
        open.Byte(MessageNumber.ChannelOpen).String("session").UInt32(0).UInt32(65536).UInt32(32768);
        await client.SendAsync(open);

        Assert.True(await client.ServerClosesAsync());
    }

    private async Task AssertServerStillServesAsync()
    {
        using var client = new SshClient(SshNetClients.Password(Server.Port, "camera", "secret-pass"));
        await client.ConnectAsync(CancellationToken.None);
        Assert.True(client.IsConnected);
    }
}
