namespace Receiver.Ssh.Tests.Host;

/// <summary>
/// A test class whose every test uploads into its own host (storage, accounts, SSH server; xUnit makes one instance
/// per test), set up before the test and removed after it. <see cref="PrepareAsync"/> adds the class's accounts,
/// keys or files.
/// </summary>
public abstract class HostSftpTests : IAsyncLifetime
{
    private HostSftpFixture? _fixture;

    private protected HostSftpFixture Fixture => _fixture ?? throw new InvalidOperationException("The host starts in InitializeAsync.");

    public async Task InitializeAsync()
    {
        _fixture = await HostSftpFixture.StartAsync();
        await PrepareAsync();
    }

    public async Task DisposeAsync()
    {
        if (_fixture is not null)
        {
            await _fixture.DisposeAsync();
        }
    }

    /// <summary>Runs once the host is up, before the test.</summary>
    private protected virtual Task PrepareAsync() => Task.CompletedTask;
}
