using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace Receiver.Reliability.Tests;

/// <summary>
/// Connections that never speak, a slow sender and connections up to the caps, from other addresses
/// (127.0.0.4-7), round after round: the camera on 127.0.0.1 uploads meanwhile, and the receiver's memory
/// does not keep growing from round to round.
/// </summary>
public sealed class HostileClientTests(ITestOutputHelper output) : IDisposable
{
    private const string Camera = "porch";
    private const string Password = "Sup3rSecret";
    private const int PerAddressCap = 16;
    private const int Rounds = 5;
    private static readonly string[] IdleSources = ["127.0.0.4", "127.0.0.5", "127.0.0.6"];

    private readonly DataRoot _root = new();
    private readonly SourceFiles _sources = new();

    [Fact]
    public async Task A_camera_uploads_while_idle_capped_and_slow_connections_pile_up_and_memory_stays_flat_across_rounds()
    {
        _root.AddCamera(Camera, Password);
        await using var receiver = await ReceiverProcess.StartAsync(_root.Path, new Dictionary<string, string>
        {
            ["Ftp__MaxConnectionsPerSource"] = PerAddressCap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ftp__MaxConnections"] = "64",
            ["Ftp__MaxStartups"] = "64",
            ["Ssh__MaxStartups"] = "24",
            ["Ssh__MaxConnectionsPerSource"] = "16",
        });
        var rss = new List<long>();
        for (var round = 0; round < Rounds; round++)
        {
            rss.Add(await RunRoundAsync(receiver, round));
            output.WriteLine($"round {round}: receiver RSS {rss[^1]} kB");
        }

        Assert.False(receiver.HasExited);

        // Round 0 pays for JIT and pools; after that each round must cost about the same (generous margin).
        Assert.True(rss[^1] <= (rss[1] * 3 / 2) + (8 * 1024), $"RSS per round (kB): {string.Join(", ", rss)}");
    }

    public void Dispose()
    {
        _root.Dispose();
        _sources.Dispose();
    }

    /// <summary>
    /// An idle FTP connection the server has counted (it sent its 220). The previous round's connections may still
    /// hold their slots for a moment after the client closed them: a 421 then means "not yet", so try again.
    /// </summary>
    private static async Task<RawFtpClient> ConnectCountedAsync(string source, int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var client = await RawFtpClient.ConnectAsync(source, port);
            if (await client.ReadReplyCodeAsync() == 220)
            {
                return client;
            }

            client.Dispose();
            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<long> RunRoundAsync(ReceiverProcess receiver, int round)
    {
        var hostile = new List<IDisposable>();
        using var stopSlow = new CancellationTokenSource();
        try
        {
            // Idle connections that never speak: each address fills its cap, and the next one is turned away.
            foreach (var source in IdleSources)
            {
                for (var i = 0; i < PerAddressCap; i++)
                {
                    hostile.Add(await ConnectCountedAsync(source, receiver.FtpPort));
                }
            }

            using (var over = await RawFtpClient.ConnectAsync(IdleSources[0], receiver.FtpPort))
            {
                Assert.Equal(421, await over.ReadReplyCodeAsync());
            }

            if (receiver.SftpPort != 0)
            {
                // Unauthenticated SSH connections that never send their version line, below the pre-auth cap.
                foreach (var source in IdleSources[..2])
                {
                    for (var i = 0; i < 10; i++)
                    {
                        hostile.Add(await ConnectTcpAsync(source, receiver.SftpPort));
                    }
                }
            }

            // A slow sender: a command line dribbled one byte at a time, never finished.
            var slow = await RawFtpClient.ConnectAsync("127.0.0.7", receiver.FtpPort);
            hostile.Add(slow);
            var dribble = DribbleAsync(slow, stopSlow.Token);

            // Meanwhile the camera uploads its snapshots, over every protocol the receiver runs.
            var uploads = new List<(string Name, ExternalProgram Client)>();
            foreach (var scheme in receiver.SftpPort != 0 ? new[] { "ftp", "sftp" } : ["ftp"])
            {
                for (var i = 0; i < 2; i++)
                {
                    var name = $"r{round}-{scheme}-{i}.jpg";
                    var file = _sources.Create(name, 300 * 1024);
                    uploads.Add((name, Curl.StartUpload(scheme, scheme == "ftp" ? receiver.FtpPort : receiver.SftpPort, Camera, Password, file, name)));
                }
            }

            foreach (var (name, client) in uploads)
            {
                using (client)
                {
                    await client.WaitAsync(TimeSpan.FromSeconds(60));
                    Assert.True(client.ExitCode == 0, $"{name}: {client.Output}");
                }

                Assert.Equal(_sources.Contents(name), await File.ReadAllBytesAsync(_root.FinalPath(Camera, name)));
            }

            var rss = receiver.RssKilobytes();
            await stopSlow.CancelAsync();
            await dribble;
            return rss;
        }
        finally
        {
            hostile.ForEach(h => h.Dispose());

            // Wait until the receiver has let go of the idle connections before the next round fills the caps again.
            await Poll.UntilAsync(() => Greets(IdleSources[0], receiver.FtpPort), TimeSpan.FromSeconds(20), "the idle connections to be released");
        }
    }

    private static async Task DribbleAsync(RawFtpClient client, CancellationToken token)
    {
        var text = Encoding.ASCII.GetBytes("USER slowloris-who-never-ends-his-line");
        for (var i = 0; !token.IsCancellationRequested; i = (i + 1) % text.Length)
        {
            try
            {
                await client.SendRawAsync([text[i]]);
                await Task.Delay(100, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException)
            {
                return;
            }
        }
    }

    private static async Task<TcpHolder> ConnectTcpAsync(string source, int port)
    {
        var tcp = new TcpClient(new IPEndPoint(IPAddress.Parse(source), 0));
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        return new TcpHolder(tcp);
    }

    private static bool Greets(string source, int port)
    {
        using var client = RawFtpClient.ConnectAsync(source, port).GetAwaiter().GetResult();
        return client.ReadReplyCodeAsync().GetAwaiter().GetResult() == 220;
    }

    private sealed class TcpHolder(TcpClient tcp) : IDisposable
    {
        public void Dispose() => tcp.Dispose();
    }
}
