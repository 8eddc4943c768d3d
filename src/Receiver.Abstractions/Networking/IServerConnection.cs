namespace Receiver.Abstractions.Networking;

/// <summary>One accepted connection as <see cref="ConnectionServer"/> sees it: SSH connection or FTP control session.</summary>
public interface IServerConnection : IAsyncDisposable
{
    /// <summary>Logged in; stays true once it was.</summary>
    bool IsAuthenticated { get; }

    /// <summary>At least one login attempt of this connection failed.</summary>
    bool HasFailedLogin { get; }

    /// <summary>Runs the connection to its end; must not throw. <paramref name="stopping"/> is the server's stop.</summary>
    Task RunAsync(CancellationToken stopping);

    /// <summary>Called from the server's one heartbeat with the current timestamp of the server's clock.</summary>
    void CheckDeadlines(long now);

    /// <summary>Ends the connection soon (pushed out for a fairer share of the pre-login slots).</summary>
    void Close(string reason);
}

/// <summary>Makes the protocol's connection for an admitted socket, and answers a refused one.</summary>
public interface IConnectionFactory
{
    /// <param name="socket">The accepted socket; the connection owns it from now on.</param>
    /// <param name="remote">The client, its address normalized (<see cref="SourceAddress"/>).</param>
    IServerConnection Create(System.Net.Sockets.Socket socket, System.Net.IPEndPoint remote);

    /// <summary>Answers a refused connection (e.g. FTP's 421) and closes the socket; must not throw.</summary>
    Task RefuseAsync(System.Net.Sockets.Socket socket);
}
