using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Receiver.Abstractions.Networking;
using Receiver.Ssh.Tests.Host;
using Receiver.Ssh.Tests.Sftp;
using Receiver.Ssh.Tests.Support;
using Renci.SshNet;
using Renci.SshNet.Common;
using Xunit.Abstractions;

namespace Receiver.Ssh.Tests.Transport;

/// <summary>
/// Pre-login admission over SSH: addresses that hold their cap of silent connections cannot lock a camera out
/// (MaxStartups random early drop, seeded, then a fair share of the slots); a source that holds silent connections
/// until the login grace time is refused for a while, probes are not; reset bursts leave nothing counted.
/// </summary>
public sealed class FairAdmissionTests(ITestOutputHelper output) : CameraStorageTests
{
    private const int PerSourceCap = 4;
    private const int PreLoginCap = 8;
    private static readonly string[] Holders = ["127.0.0.2", "127.0.0.3", "127.0.0.4"];

    private readonly List<IDisposable> _held = [];

    [Fact]
    public async Task A_camera_logs_in_with_ssh_net_while_other_addresses_hold_their_cap_of_silent_connections()
    {
        await using var server = await StartAsync(o => o.Limits = Limits(PenaltyOptions.Off));

        // The invariant, not a tuned cap: together the holders can fill every pre-login slot.
        Assert.True(Holders.Length * PerSourceCap >= PreLoginCap);
        foreach (var source in Holders)
        {
            await HoldCapAsync(server.Port, source);
        }

        output.WriteLine($"pre-login connections held: {server.Server.UnauthenticatedConnections}");
        Assert.True(server.Server.UnauthenticatedConnections >= PreLoginCap - 1);

        var tries = 0;
        SftpClient? camera = null;
        while (camera is null && ++tries <= 5)
        {
            var client = new SftpClient(SshNetClients.Password(server.Port, "camera", "secret-pass"));
            try
            {
                client.Connect();
                camera = client;
            }
            catch (Exception ex) when (ex is SshConnectionException or SocketException or SshException or IOException)
            {
                output.WriteLine($"try {tries}: {ex.GetType().Name} {ex.Message}");
                client.Dispose();
            }
        }

        output.WriteLine($"camera logged in after {tries} tries");
        Assert.NotNull(camera);
        using (camera)
        {
            var data = SshNetSftpTests.RandomBytes(200_000);
            camera.UploadFile(new MemoryStream(data), "/fair.jpg");
            Assert.Equal(data, await File.ReadAllBytesAsync(Storage.OnDisk("fair.jpg")));
        }
    }

    [Fact]
    public async Task Connect_and_reset_bursts_leave_the_unauthenticated_count_at_zero()
    {
        await using var server = await StartAsync(o => o.Limits = new ConnectionLimits { MaxStartups = MaxStartups.Cap(3) });
        for (var i = 0; i < 300; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.5"), 0));
            await socket.ConnectAsync(IPAddress.Loopback, server.Port);
            socket.LingerState = new LingerOption(true, 0); // a reset, before the server has even sent its version
        }

        await UntilAsync(() => server.Server.Connections == 0 && server.Server.UnauthenticatedConnections == 0, "every reset connection to be let go");

        // Nothing stale holds the three pre-login slots: three silent connections and then a camera still fit.
        for (var i = 0; i < 2; i++)
        {
            _held.Add(await SilentConnection.OpenAsync(server.Port, "127.0.0.6"));
        }

        using var camera = new SftpClient(SshNetClients.Password(server.Port, "camera", "secret-pass"));
        camera.Connect();
        Assert.True(camera.IsConnected);
    }

    [Fact]
    public async Task A_source_that_holds_silent_connections_past_the_grace_time_is_refused_for_a_while_and_probes_are_not()
    {
        var time = new FakeTimeProvider();
        await using var server = await StartAsync(o =>
        {
            o.TimeProvider = time;
            o.LoginGraceTime = TimeSpan.FromSeconds(30);
            o.Limits = Limits(PenaltyOptions.Default);
        });

        // A health probe's way: connect, read the version line, close; again and again. Each is gone before the
        // next (a probe that overlaps others meets the early drop) and before the clock jumps (or it too would
        // outstay the grace time).
        for (var i = 0; i < 5; i++)
        {
            using (await SilentConnection.OpenAsync(server.Port, "127.0.0.8"))
            {
            }

            await UntilAsync(() => server.Server.Connections == 0, "the probe's connection to end");
        }

        var silent = await SilentConnection.OpenAsync(server.Port, "127.0.0.6");
        time.Advance(TimeSpan.FromSeconds(31));
        await UntilAsync(() => server.Server.Connections == 0, "the silent connection to be closed at the grace time");
        silent.Dispose();

        Assert.Null(await SilentConnection.TryOpenAsync(server.Port, "127.0.0.6"));
        _held.Add(await SilentConnection.OpenAsync(server.Port, "127.0.0.8"));
        using (var camera = new SftpClient(SshNetClients.Password(server.Port, "camera", "secret-pass")))
        {
            camera.Connect();
        }

        // The penalty wears off.
        time.Advance(TimeSpan.FromSeconds(10));
        _held.Add(await SilentConnection.OpenAsync(server.Port, "127.0.0.6"));
    }

    [Fact]
    public async Task A_camera_that_fails_once_then_logs_in_is_never_refused()
    {
        await using var server = await StartAsync(o => o.Limits = Limits(PenaltyOptions.Default));
        for (var round = 0; round < 4; round++)
        {
            using (var wrong = new SftpClient(SshNetClients.Password(server.Port, "camera", "wrong-pass")))
            {
                Assert.Throws<SshAuthenticationException>(wrong.Connect);
            }

            using var right = new SftpClient(SshNetClients.Password(server.Port, "camera", "secret-pass"));
            right.Connect();
            Assert.True(right.IsConnected);
        }
    }

    public override void Dispose()
    {
        _held.ForEach(h => h.Dispose());
        base.Dispose();
    }

    private static ConnectionLimits Limits(PenaltyOptions penalties) => new()
    {
        MaxConnections = 100,
        MaxConnectionsPerSource = PerSourceCap,
        MaxStartups = new MaxStartups(2, 30, PreLoginCap),
        Penalties = penalties,
        Random = new Random(20261201),
    };

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token).ContinueWith(t => timeout.IsCancellationRequested ? throw new TimeoutException($"Waited 30 s for {what}.") : t, TaskScheduler.Default);
        }
    }

    // Opens connections from the source, as many as it may hold (its cap), however many early drop turns away.
    private async Task HoldCapAsync(int port, string source)
    {
        var held = 0;
        for (var attempt = 0; held < PerSourceCap && attempt < 40; attempt++)
        {
            if (await SilentConnection.TryOpenAsync(port, source) is { } connection)
            {
                _held.Add(connection);
                held++;
            }
        }

        Assert.True(held > 0, $"{source} got no connection at all");
    }

    private Task<TestServer> StartAsync(Action<SshServerOptions> configure) => TestServer.StartSftpAsync(Storage, configure);
}
