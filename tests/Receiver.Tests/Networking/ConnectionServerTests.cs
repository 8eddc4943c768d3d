using System.Net;
using System.Net.Sockets;
using Receiver.Abstractions.Networking;

namespace Receiver.Tests.Networking;

/// <summary>
/// The shared accept loop: a connection is in the table before its task starts, so connections that end at once
/// (here: before the task has even yielded) never leave an entry behind that counts as not logged in.
/// </summary>
public sealed class ConnectionServerTests
{
    [Fact]
    public async Task Connections_that_end_at_once_leave_nothing_counted()
    {
        await using var server = new ConnectionServer("TEST", new ConnectionLimits { MaxConnections = 1000, MaxConnectionsPerSource = 1000, MaxStartups = MaxStartups.Cap(1000) }, TimeSpan.FromSeconds(30), TimeProvider.System, NullLogger.Instance);
        var factory = new EndAtOnce();
        var port = server.Listen(new IPEndPoint(IPAddress.Loopback, 0), factory).Port;

        for (var i = 0; i < 300; i++)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Volatile.Read(ref factory.Ended) < 300 || server.ConnectionCount > 0)
        {
            await Task.Delay(20, timeout.Token);
        }

        Assert.Equal(0, server.PendingCount);
    }

    private sealed class EndAtOnce : IConnectionFactory
    {
        public int Ended;

        public IServerConnection Create(Socket socket, IPEndPoint remote) => new Connection(socket, this);

        public Task RefuseAsync(Socket socket)
        {
            socket.Dispose();
            return Task.CompletedTask;
        }

        private sealed class Connection(Socket socket, EndAtOnce owner) : IServerConnection
        {
            public bool IsAuthenticated => false;

            public bool HasFailedLogin => false;

            public Task RunAsync(CancellationToken stopping) => Task.CompletedTask;

            public void CheckDeadlines(long now)
            {
            }

            public void Close(string reason)
            {
            }

            public ValueTask DisposeAsync()
            {
                socket.Dispose();
                Interlocked.Increment(ref owner.Ended);
                return ValueTask.CompletedTask;
            }
        }
    }
}
