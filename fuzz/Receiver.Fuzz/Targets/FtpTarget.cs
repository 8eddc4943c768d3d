using System.Net;
using System.Net.Sockets;
using Receiver.Abstractions.Networking;
using Receiver.Ftp;
using Receiver.Fuzz.Support;

namespace Receiver.Fuzz.Targets;

/// <summary>
/// The FTP control channel: a real FtpServer on loopback (sessions need a socket) with an in-memory file system,
/// and the input sent as the client's command lines on one connection. Bad lines end the session (500) or earn an
/// error reply; an exception the session had to catch as unexpected ("internal error", "session failed") is a
/// finding, and so is a session that does not end after the client's end of input. The seeds log in as "cam" with
/// the password "{password}" (the placeholder the end-to-end tests replace; here it is the password).
/// </summary>
public sealed class FtpTarget : FuzzTarget
{
    public const string User = "cam";
    public const string Password = "{password}";
    private readonly FindingLog _log = new();
    private readonly FtpServer _server;
    private readonly IPEndPoint _endPoint;

    public FtpTarget()
    {
        // No delay after a wrong password, and a short wait for data connections that never come (PASV + STOR
        // without connecting): the fuzzer's inputs are full of both, and each execution must stay fast.
        var options = new FtpServerOptions
        {
            Limits = new ConnectionLimits { MaxConnections = 1000, MaxConnectionsPerSource = 1000, MaxStartups = MaxStartups.Cap(1000) },
            FailedLoginDelay = TimeSpan.Zero,
            DataConnectionTimeout = TimeSpan.FromMilliseconds(20),
        };
        options.ControlEndPoints.Add(new IPEndPoint(IPAddress.Loopback, 0));
        _server = new FtpServer(options, new Authenticator(), _log);
        _server.StartAsync().GetAwaiter().GetResult();
        _endPoint = _server.ControlEndPoints[0];
    }

    public override string Name => "ftp";

    public override string Description => "FTP command line reader and command parsers (a whole control connection)";

    public override void Run(byte[] input)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(_endPoint);

        // Replies are drained while the input is sent, so that neither side can block the other.
        var replies = Task.Run(() => Drain(client));
        try
        {
            client.Send(input);
            client.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The server closed first (a line it refuses ends the session): the input was long enough.
        }

        SessionDeadline.Wait(replies, "The FTP session");

        // Where the server closed first (QUIT), a reset leaves no TIME_WAIT on its side; the client side's TIME_WAITs
        // (it half-closed first) are reused on loopback (net.ipv4.tcp_tw_reuse).
        client.LingerState = new LingerOption(true, 0);
        _log.ThrowIfAny();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Drain(Socket client)
    {
        var buffer = new byte[4096];
        try
        {
            while (client.Receive(buffer) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // A reset is an end too.
        }
    }

    private sealed class Authenticator : IFtpAuthenticator
    {
        public bool RequiresTls(string user) => false;

        public ValueTask<FtpLoginResult> AuthenticateAsync(FtpLoginRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request is { User: User, Password: Password }
                ? FtpLoginResult.Success(new InMemoryFileSystem(User))
                : FtpLoginResult.Fail(FtpLoginFailure.InvalidCredentials, "wrong password"));
    }
}
