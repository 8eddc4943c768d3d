using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace Receiver.Events.Tests;

/// <summary>A broker address that accepts TCP and never answers must not hold up a single upload.</summary>
public sealed class HangingBrokerTests(ITestOutputHelper output)
{
    private const string Password = "Hanging-Broker-3";

    [Fact]
    public async Task Uploads_complete_while_the_broker_accepts_and_never_answers_and_their_events_wait_in_the_outbox()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await silent.AcceptTcpClientAsync();
                    lock (accepted)
                    {
                        accepted.Add(client);
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        });
        var brokerUrl = $"mqtt://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";

        var withoutEvents = await UploadTenAsync(new Dictionary<string, string?>(), null);
        var withEvents = await UploadTenAsync(new Dictionary<string, string?> { ["Events:Mqtt:Url"] = brokerUrl }, accepted);

        // Reported, not asserted (the machine is shared): both runs completed every upload.
        output.WriteLine($"10 FTP uploads (curl): {withEvents.TotalMilliseconds:0} ms with the broker hanging, {withoutEvents.TotalMilliseconds:0} ms with events off");
        silent.Stop();
        lock (accepted)
        {
            accepted.ForEach(c => c.Dispose());
        }

        await accepting;
    }

    private static async Task<TimeSpan> UploadTenAsync(Dictionary<string, string?> events, List<TcpClient>? accepted)
    {
        await using var receiver = await EventsReceiver.StartAsync(events);
        receiver.AddCamera("hall", Password);
        if (accepted is not null)
        {
            // The receiver has connected and is waiting for a CONNACK that never comes.
            await Wait.UntilAsync(() => { lock (accepted) { return accepted.Count > 0; } }, "the receiver's connection to the silent broker");
        }

        // One upload before the clock starts: the first one of a process pays for JIT compilation.
        var warm = await receiver.UploadFtpAsync("hall", Password, "warm-up.jpg", TestFiles.Jpeg(10_000));
        Assert.True(warm.ExitCode == 0, warm.Describe());
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            var curl = await receiver.UploadFtpAsync("hall", Password, $"snap{i}.jpg", TestFiles.Jpeg(10_000, seed: i));
            Assert.True(curl.ExitCode == 0, curl.Describe());
            Assert.True(File.Exists(receiver.FileOf("hall", $"snap{i}.jpg")));
        }

        watch.Stop();
        if (accepted is not null)
        {
            var outbox = (Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Outbox.EventOutbox>(receiver.Services));
            Assert.Equal(11, outbox.Held().Count(e => e.Camera == "hall"));
            Assert.True(outbox.QueuedBytes > 0, "the events wait for the broker");
        }

        return watch.Elapsed;
    }
}
