using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Receiver.Events.Tests.Support;
using Xunit.Abstractions;

namespace Receiver.Events.Tests;

/// <summary>A broker that drops every connection is tried again after the backoff, not hammered.</summary>
public sealed class RefusingBrokerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_broker_that_drops_every_connection_is_tried_again_only_after_the_backoff()
    {
        // Accepts and closes at once, as a broker that is starting or shutting down does; remembers when.
        using var refusing = new TcpListener(IPAddress.Loopback, 0);
        refusing.Start();
        var clock = Stopwatch.StartNew();
        var tries = new List<TimeSpan>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await refusing.AcceptTcpClientAsync();
                    lock (tries)
                    {
                        tries.Add(clock.Elapsed);
                    }

                    client.Client.LingerState = new LingerOption(true, 0);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        });

        await using (await EventsReceiver.StartAsync(new Dictionary<string, string?> { ["Events:Mqtt:Url"] = $"mqtt://127.0.0.1:{((IPEndPoint)refusing.LocalEndpoint).Port}" }))
        {
            await Wait.UntilAsync(() => { lock (tries) { return tries.Count >= 2; } }, "the receiver's second try to reach the broker", TimeSpan.FromSeconds(15));
        }

        refusing.Stop();
        await accepting;
        lock (tries)
        {
            output.WriteLine($"tries at {string.Join(", ", tries.Select(t => $"{t.TotalSeconds:0.000} s"))}");
            // The first failure waits 1 s before the next try; a machine under load only makes the gap longer.
            Assert.True(tries[1] - tries[0] >= TimeSpan.FromSeconds(0.9), $"the second try came {(tries[1] - tries[0]).TotalMilliseconds:0} ms after the first");
        }
    }
}
