namespace Receiver.Ftp.Tests.Support;

/// <summary>
/// A test class whose every test gets its own server (xUnit makes one instance per test): started before the test,
/// stopped after it. A class that needs other server options overrides <see cref="Configure"/>.
/// </summary>
public abstract class FtpServerTests : IAsyncLifetime
{
    private FtpServerFixture? _server;

    private protected FtpServerFixture Server => _server ?? throw new InvalidOperationException("The server starts in InitializeAsync.");

    public async Task InitializeAsync() => _server = await FtpServerFixture.StartAsync(Configure);

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Changes the server's options before it starts; by default the fixture's stand.</summary>
    private protected virtual void Configure(FtpServerOptions options)
    {
    }
}
