using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Abstractions;
using Receiver.Ssh.Sftp;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>
/// Serves <see cref="SftpSession"/> on a Unix socket in a temp folder, one session per connection, so that a real
/// client started with <c>sftp -D</c> reaches it through a tiny stdin/stdout relay (see <see cref="OpenSshSftpClient"/>).
/// The session runs in the test process, on the storage the test then inspects.
/// </summary>
internal sealed class SftpUnixSocketServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<ISessionFileSystem> _openFileSystem;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _sessions = [];
    private readonly Task _acceptLoop;

    public SftpUnixSocketServer(string folder, Func<ISessionFileSystem> openFileSystem)
    {
        _openFileSystem = openFileSystem;
        SocketPath = Path.Combine(folder, "sftp.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen();
        _acceptLoop = AcceptAsync();
    }

    public string SocketPath { get; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        Task[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions).WaitAsync(TimeSpan.FromSeconds(20));
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_sessions)
            {
                _sessions.Add(ServeAsync(connection));
            }
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        await using var stream = new NetworkStream(connection, ownsSocket: true);
        var session = new SftpSession(_openFileSystem(), NullLogger.Instance);
        await session.RunAsync(stream, _stopping.Token);
    }
}
