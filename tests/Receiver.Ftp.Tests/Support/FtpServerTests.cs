namespace Receiver.Ftp.Tests.Support;

/// <summary>
/// A test class whose every test gets its own in-process FTP server. A class that needs other server options
/// overrides <see cref="Configure"/>.
/// </summary>
public abstract class FtpServerTests : FixturePerTest
{
    private protected FtpServerFixture Server => Started<FtpServerFixture>();

    private protected override async Task<IAsyncDisposable> StartFixtureAsync() => await FtpServerFixture.StartAsync(Configure);

    /// <summary>Changes the server's options before it starts; by default the fixture's stand.</summary>
    private protected virtual void Configure(FtpServerOptions options)
    {
    }
}
