namespace Receiver.Ssh.Tests.Support;

/// <summary>A test class whose every test gets its own in-process SSH server with the default options.</summary>
public abstract class TestServerTests : FixturePerTest
{
    private protected TestServer Server => Started<TestServer>();

    private protected override async Task<IAsyncDisposable> StartFixtureAsync() => await TestServer.StartAsync();
}
