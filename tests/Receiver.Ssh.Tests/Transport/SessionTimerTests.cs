using Microsoft.Extensions.Time.Testing;
using Receiver.Abstractions;
using Receiver.Ssh.Messages;
using Receiver.Ssh.Sftp;
using Receiver.Ssh.Tests.Host;
using Receiver.Ssh.Tests.Sftp;
using Receiver.Ssh.Tests.Support;
using Receiver.Ssh.Wire;
using Renci.SshNet;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>
/// The server's clocks, on a fake time provider (the server's heartbeat and deadlines run on it): login grace time,
/// idle timeout, the time-based re-key and the grace a subsystem gets after the client closes its channel, each seen the way a client sees it.
/// </summary>
public sealed class SessionTimerTests : CameraStorageTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Rekey = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_connection_that_never_logs_in_is_closed_after_the_login_grace_time(bool keyExchangeDone)
    {
        await using var server = await StartAsync(o => o.LoginGraceTime = Grace);
        await using var silent = await RawSshClient.ConnectAsync(server.Port); // version line sent, then nothing more
        if (keyExchangeDone)
        {
            await silent.KeyExchangeAsync();
        }

        _time.Advance(Grace + TimeSpan.FromSeconds(1));

        Assert.True(await silent.ServerClosesAsync(), "the server did not close the connection");
        Assert.True(await EndOfStreamAsync(silent.Stream));
        var closed = await server.Events.WaitForAsync(e => e.Kind == SessionEventKind.Closed);
        Assert.Equal("login grace time exceeded", closed.Detail);
    }

    [Fact]
    public async Task An_authenticated_session_without_traffic_is_closed_after_the_idle_timeout()
    {
        await using var server = await StartAsync(o => o.IdleTimeout = Idle);
        using var client = new SftpClient(SshNetClients.Password(server.Port, "camera", "secret-pass"));
        client.Connect();
        var data = SshNetSftpTests.RandomBytes(50_000);
        client.UploadFile(new MemoryStream(data), "/snap.jpg");
        Assert.Equal(data, await File.ReadAllBytesAsync(Storage.OnDisk("snap.jpg")));

        // Step by step: should the client still send a packet (a window adjust) it restarts the idle clock, and
        // the next step's silence closes it all the same.
        await AdvanceUntilAsync(Idle + TimeSpan.FromSeconds(1), () => server.Events.All.Any(e => e.Kind == SessionEventKind.Closed));

        var closed = await server.Events.WaitForAsync(e => e.Kind == SessionEventKind.Closed);
        Assert.Equal("idle timeout", closed.Detail);
        await UntilAsync(() => !client.IsConnected, "SSH.NET to see the connection closed");
    }

    [Fact]
    public async Task The_server_re_keys_after_the_interval_and_uploads_across_and_after_it_arrive_whole()
    {
        await using var server = await StartAsync(o =>
        {
            o.RekeyInterval = Rekey;
            o.IdleTimeout = TimeSpan.FromHours(1);
        });
        using var client = new SftpClient(SshNetClients.Password(server.Port, "camera", "secret-pass"));

        // SSH.NET checks the host key at every key exchange and never starts one itself: a second check is the
        // server's re-key.
        var exchanges = 0;
        client.HostKeyReceived += (_, _) => Interlocked.Increment(ref exchanges);
        client.Connect();
        Assert.Equal(1, Volatile.Read(ref exchanges));

        // Busy across the re-key: a clip is on its way when the interval has passed.
        var clip = SshNetSftpTests.RandomBytes(8 * 1024 * 1024);
        var during = Task.Run(() => client.UploadFile(new MemoryStream(clip), "/during.mp4"));
        await UntilAsync(() => Directory.EnumerateFiles(Storage.Storage.Paths.IncomingFolder).Any() || during.IsCompleted, "the clip's upload to start");
        _time.Advance(Rekey + TimeSpan.FromSeconds(1));

        await UntilAsync(() => Volatile.Read(ref exchanges) >= 2, "a second key exchange");
        await during.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(clip, await File.ReadAllBytesAsync(Storage.OnDisk("during.mp4")));

        var after = SshNetSftpTests.RandomBytes(300_000);
        client.UploadFile(new MemoryStream(after), "/after.jpg");
        Assert.Equal(after, await File.ReadAllBytesAsync(Storage.OnDisk("after.jpg")));
        Assert.True(client.IsConnected);

        // One re-key per interval, not a second one queued by a heartbeat tick while the first was running.
        Assert.Equal(2, Volatile.Read(ref exchanges));
    }

    [Fact]
    public async Task A_subsystem_that_ignores_the_client_s_close_is_cancelled_five_seconds_later_on_the_server_s_clock()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync(o =>
        {
            o.TimeProvider = _time;
            o.SftpSubsystem = async (_, _, token) =>
            {
                started.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, token);
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult();
                }
            };
        });
        await using var client = await RawSshClient.LoggedInAsync(server.Port);
        using (var open = new SshWriter())
        {
            open.Byte(MessageNumber.ChannelOpen).String("session").UInt32(0).UInt32(1 << 20).UInt32(32 * 1024);
            await client.SendAsync(open);
        }

        var confirmation = new SshReader(await client.ReadUntilAsync(MessageNumber.ChannelOpenConfirmation));
        confirmation.ExpectMessage(MessageNumber.ChannelOpenConfirmation);
        confirmation.ReadUInt32();
        var serverChannel = confirmation.ReadUInt32();
        using (var request = new SshWriter())
        {
            request.Byte(MessageNumber.ChannelRequest).UInt32(serverChannel).String("subsystem").Boolean(true).String("sftp");
            await client.SendAsync(request);
        }

        await client.ReadUntilAsync(MessageNumber.ChannelSuccess);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await client.SendAsync(MessageNumber.ChannelClose, (byte)(serverChannel >> 24), (byte)(serverChannel >> 16), (byte)(serverChannel >> 8), (byte)serverChannel);
        await client.ReadUntilAsync(MessageNumber.ChannelClose);
        Assert.False(cancelled.Task.IsCompleted, "the handler was cancelled before the fake clock moved");

        _time.Advance(TimeSpan.FromSeconds(5));

        // Shorter than the grace itself: a wall-clock deadline would not have fired yet.
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(4));
    }

    private static async Task<bool> EndOfStreamAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Moves the fake clock on by <paramref name="step"/> each half second (real time) until the condition holds.</summary>
    private async Task AdvanceUntilAsync(TimeSpan step, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out advancing the clock.");
            }

            _time.Advance(step);
            for (var i = 0; i < 25 && !condition(); i++)
            {
                await Task.Delay(20);
            }
        }
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }

    private async Task<TestServer> StartAsync(Action<SshServerOptions> configure)
    {
        var server = await TestServer.StartAsync(o =>
        {
            o.TimeProvider = _time;
            o.SftpSubsystem = SftpSubsystem.Create();
            configure(o);
        });
        server.Authenticator.FileSystemFactory = _ => Storage.Open();
        return server;
    }
}
