using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Receiver.Hosting;

/// <summary>
/// The life of one listening server in the host (sFTP, FTP, the web page): off when its port is 0, built and
/// started with the host, stopped and disposed with it. The services differ only in how they build and start it.
/// </summary>
/// <param name="name">What the log calls the server ("FTP server").</param>
/// <param name="portKey">The key whose 0 switches it off ("Ftp:Port").</param>
public abstract class ListenerService<TServer>(string name, string portKey, ILogger logger) : IHostedService, IAsyncDisposable
    where TServer : class, IAsyncDisposable
{
    /// <summary>The running server; null while stopped or switched off.</summary>
    public TServer? Server { get; private set; }

    protected ILogger Logger { get; } = logger;

    /// <summary>The configured port; 0 switches the server off.</summary>
    protected abstract int Port { get; }

    /// <summary>The server from the settings, not yet listening.</summary>
    protected abstract TServer Create();

    /// <summary>Starts listening; a refused setting or port is thrown as the one-line start failure that names its key.</summary>
    protected abstract Task StartServerAsync(TServer server, CancellationToken cancellationToken);

    protected abstract Task StopServerAsync(TServer server, CancellationToken cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Port == 0)
        {
            ListenerLog.Off(Logger, name, portKey);
            return;
        }

        var server = Create();
        Server = server;
        try
        {
            await StartServerAsync(server, cancellationToken);
        }
        catch
        {
            // A server that did not start holds nothing worth keeping: release it now rather than with the host.
            Server = null;
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Server is { } server)
        {
            await StopServerAsync(server, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is { } server)
        {
            Server = null;
            await server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

internal static partial class ListenerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Server} off ({PortKey} is 0)")]
    public static partial void Off(ILogger logger, string server, string portKey);
}
