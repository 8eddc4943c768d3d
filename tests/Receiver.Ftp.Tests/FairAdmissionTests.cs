using System.Globalization;
using System.Text;
using Receiver.Abstractions.Networking;
using Xunit.Abstractions;

namespace Receiver.Ftp.Tests;

/// <summary>
/// Pre-login admission over FTP: other addresses holding every pre-login slot do not lock a camera out (random early
/// drop, then a fair share), and connections reset at once leave nothing counted behind.
/// </summary>
public sealed class FairAdmissionTests(ITestOutputHelper output) : FtpServerTests
{
    private const int PerSourceCap = 4;
    private const int PreLoginCap = 8;
    private static readonly string[] Holders = ["127.0.0.2", "127.0.0.3"];

    private const string Camera = """
        import ftplib, io, sys
        port = int(sys.argv[1])
        for attempt in range(1, 6):
            try:
                ftp = ftplib.FTP(timeout=20)
                ftp.connect("127.0.0.1", port)
                ftp.login("cam1", "secret1")
                print("STOR", ftp.storbinary("STOR fair.jpg", io.BytesIO(b"x" * 40000)))
                ftp.quit()
                print("TRIES", attempt)
                sys.exit(0)
            except (ftplib.error_temp, EOFError, ConnectionError) as e:
                print("REFUSED", attempt, e)
        sys.exit(1)
        """;

    private readonly List<Socket> _held = [];

    private protected override void Configure(FtpServerOptions options) => options.Limits = new ConnectionLimits
    {
        MaxConnections = 100,
        MaxConnectionsPerSource = PerSourceCap,
        MaxStartups = new MaxStartups(2, 30, PreLoginCap),
        Random = new Random(20261201),
    };

    public override async Task DisposeAsync()
    {
        _held.ForEach(socket => socket.Dispose());
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_camera_logs_in_with_ftplib_while_other_addresses_hold_their_cap_of_silent_connections()
    {
        // The invariant, not a tuned cap: together the holders can fill every pre-login slot.
        Assert.True(Holders.Length * PerSourceCap >= PreLoginCap);
        foreach (var source in Holders)
        {
            await HoldCapAsync(source);
        }

        output.WriteLine($"pre-login connections held: {Server.Server.ConnectionsNotLoggedIn}");

        var result = await ExternalProcess.PythonAsync(Camera, Server.Port.ToString(CultureInfo.InvariantCulture));

        output.WriteLine(result.StandardOutput);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("STOR 226", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(40000, new FileInfo(Server.PathOf("fair.jpg")).Length);
    }

    [Fact]
    public async Task Connect_and_reset_bursts_leave_no_connection_counted_as_not_logged_in()
    {
        for (var i = 0; i < 200; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.5"), 0));
            await socket.ConnectAsync(IPAddress.Loopback, Server.Port);
            socket.LingerState = new LingerOption(true, 0); // close with a reset, before the server's greeting is read
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Server.Server.Connections > 0 || Server.Server.ConnectionsNotLoggedIn > 0)
        {
            await Task.Delay(50, timeout.Token);
        }

        var result = await ExternalProcess.PythonAsync(Camera, Server.Port.ToString(CultureInfo.InvariantCulture));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, Server.Server.ConnectionsNotLoggedIn);
    }

    // Opens connections from the source until it holds its cap of greeted (220) connections that never log in.
    private async Task HoldCapAsync(string source)
    {
        var greeted = new List<Socket>();
        for (var attempt = 0; greeted.Count < PerSourceCap && attempt < 100; attempt++)
        {
            greeted.RemoveAll(s => !StillOpen(s));
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
            await socket.ConnectAsync(IPAddress.Loopback, Server.Port);
            if ((await ReadLineAsync(socket)).StartsWith("220", StringComparison.Ordinal))
            {
                greeted.Add(socket);
            }
            else
            {
                socket.Dispose();
            }
        }

        Assert.Equal(PerSourceCap, greeted.Count);
        _held.AddRange(greeted);
    }

    private static bool StillOpen(Socket socket) => !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);

    private static async Task<string> ReadLineAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[256];
        try
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (SocketException)
        {
            return string.Empty;
        }
    }
}
