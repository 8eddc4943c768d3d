using Microsoft.Extensions.Time.Testing;
using Receiver.Abstractions;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Tests.Support;
using Receiver.Ssh.Wire;
using Xunit.Abstractions;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>Runs alone: its tests measure the process's heap, which other tests' uploads would blur.</summary>
[CollectionDefinition(nameof(HeapMeasuredCollection), DisableParallelization = true)]
public sealed class HeapMeasuredCollection;

/// <summary>
/// The key exchange as a state machine, seen from a hostile raw client (RFC 4253 §7.1): after the client's KEXINIT
/// only transport messages are admitted, transport replies go out at once, the replies held for the connection layer
/// are bounded, and an exchange left unfinished ends at its deadline.
/// </summary>
[Collection(nameof(HeapMeasuredCollection))]
public sealed class KeyExchangeStateTests(ITestOutputHelper output)
{
    private const long HeapGrowthBound = 16 * 1024 * 1024;
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_that_leaves_a_re_exchange_pending_and_streams_junk_is_disconnected_and_the_heap_stays_bounded(bool loggedIn)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawSshClient.ConnectWithKeysAsync(server.Port);
        if (loggedIn)
        {
            Assert.True(await client.PasswordLoginAsync("camera", "secret-pass"));
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        await client.StartReExchangeAsync(); // and never the key exchange init
        var sent = await client.FloodAsync([200], 1_000_000, TimeSpan.FromSeconds(10));
        var growth = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine($"{sent} one-byte packets of type 200 written before the server closed; heap growth {growth / 1024} KiB (bound {HeapGrowthBound / 1024} KiB)");

        Assert.True(await client.ServerClosesAsync(), "the server kept the connection");
        Assert.True(growth < HeapGrowthBound, $"heap grew by {growth} bytes");
        var closed = await server.Events.WaitForAsync(e => e.Kind == SessionEventKind.Closed);
        Assert.Equal("closed", closed.Detail);
    }

    [Fact]
    public async Task During_an_exchange_unknown_transport_messages_are_answered_at_once_and_the_exchange_ends_at_its_deadline()
    {
        await using var server = await TestServer.StartAsync(o => (o.TimeProvider, o.KeyExchangeTimeout) = (_time, TimeSpan.FromSeconds(30)));
        await using var client = await RawSshClient.LoggedInAsync(server.Port);
        await client.StartReExchangeAsync();

        // Message 8 is an unassigned transport number: still admitted, answered UNIMPLEMENTED without a queue.
        await client.SendAsync(8);
        Assert.Equal(MessageNumber.Unimplemented, (await client.ReadAsync())[0]);

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await client.ServerClosesAsync(), "the server kept a connection whose key exchange never finished");
        var closed = await server.Events.WaitForAsync(e => e.Kind == SessionEventKind.Closed);
        Assert.Equal("key exchange timeout", closed.Detail);
    }

    [Fact]
    public async Task Replies_held_during_a_server_started_re_exchange_are_bounded()
    {
        await using var server = await TestServer.StartAsync(o =>
            (o.TimeProvider, o.RekeyInterval, o.IdleTimeout) = (_time, TimeSpan.FromMinutes(5), TimeSpan.FromHours(1)));
        await using var client = await RawSshClient.LoggedInAsync(server.Port);
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await client.ReadUntilAsync(MessageNumber.KexInit); // the server's re-key, which the client never answers

        // Still in flight as far as the server knows: each is processed and its reply held until the exchange ends.
        using var open = new SshWriter();
        open.Byte(MessageNumber.ChannelOpen).String("session").UInt32(0).UInt32(1 << 20).UInt32(32 * 1024);
        var sent = await client.FloodAsync(open.ToArray(), 200_000, TimeSpan.FromSeconds(10));
        output.WriteLine($"{sent} CHANNEL_OPEN written before the server closed");

        Assert.True(await client.ServerClosesAsync(), "the server held replies without a bound");
        Assert.True(sent < 200_000, "the server took every message");
    }

    [Fact]
    public async Task After_the_client_s_kexinit_a_connection_message_ends_the_connection()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawSshClient.LoggedInAsync(server.Port);
        await client.StartReExchangeAsync();

        using var global = new SshWriter();
        global.Byte(MessageNumber.GlobalRequest).String("keepalive@openssh.com").Boolean(true);
        await client.SendAsync(global);

        Assert.True(await client.ServerClosesAsync());
    }
}
