using Microsoft.Extensions.Logging;

namespace Receiver.Ftp.Tests.Support;

/// <summary>A server on 127.0.0.1 (ephemeral ports, explicit and implicit TLS) over a temp folder; one per test.</summary>
internal sealed class FtpServerFixture(TempFolder root, FtpServer server, RecordingEventSink events, TempFileSystem fileSystem) : IAsyncDisposable
{
    public string Root => root.Path;

    public FtpServer Server { get; } = server;

    public RecordingEventSink Events { get; } = events;

    public TempFileSystem FileSystem { get; } = fileSystem;

    public int Port => Server.ControlEndPoints[0].Port;

    public int ImplicitPort => Server.ImplicitTlsEndPoints[0].Port;

    public string Url => $"ftp://127.0.0.1:{Port}/";

    public static async Task<FtpServerFixture> StartAsync(Action<FtpServerOptions>? configure = null)
    {
        var root = new TempFolder("ftp-test-");
        var events = new RecordingEventSink();
        var fileSystem = new TempFileSystem(root.Path);
        var options = new FtpServerOptions
        {
            Certificate = TestCertificate.Value,
            EventSink = events,
            FailedLoginDelay = TimeSpan.Zero,
            DataConnectionTimeout = TimeSpan.FromSeconds(10),
        };
        options.ControlEndPoints.Add(new IPEndPoint(IPAddress.Loopback, 0));
        options.ImplicitTlsEndPoints.Add(new IPEndPoint(IPAddress.Loopback, 0));
        configure?.Invoke(options);
        var server = new FtpServer(options, new TestAuthenticator(_ => fileSystem), DebugLogging());
        await server.StartAsync();
        return new FtpServerFixture(root, server, events, fileSystem);
    }

    // FTP_TEST_LOG=1 shows the server's log on the console while investigating a failure.
    private static ILoggerFactory? DebugLogging() =>
        Environment.GetEnvironmentVariable("FTP_TEST_LOG") == "1"
            ? LoggerFactory.Create(builder => builder.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug))
            : null;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public async Task<bool> WaitForEventAsync(SessionEventKind kind, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (!Events.Events.Any(e => e.Kind == kind))
        {
            if (cts.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        root.Dispose();
    }
}
