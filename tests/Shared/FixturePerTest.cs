namespace Receiver.Testing;

/// <summary>
/// A test class whose every test gets its own fixture (a server, a host): xUnit makes one instance per test, and this
/// starts the fixture before the test and disposes it after. One small subclass per fixture type says how to start it
/// and gives it its type; a generic base cannot, as the fixtures are internal and xUnit's test classes public. Linked
/// into the FTP, SSH, provisioning and web test projects.
/// </summary>
public abstract class FixturePerTest : IAsyncLifetime
{
    private IAsyncDisposable? _fixture;

    public async Task InitializeAsync()
    {
        _fixture = await StartFixtureAsync();
        await PrepareAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_fixture is not null)
        {
            await _fixture.DisposeAsync();
        }
    }

    /// <summary>The fixture <see cref="StartFixtureAsync"/> returned, as the subclass that started it knows it.</summary>
    private protected T Started<T>()
        where T : IAsyncDisposable => (T)(_fixture ?? throw new InvalidOperationException("The fixture starts in InitializeAsync."));

    private protected abstract Task<IAsyncDisposable> StartFixtureAsync();

    /// <summary>Runs once the fixture is up, before the test: the keys, accounts or files a class's tests share.</summary>
    private protected virtual Task PrepareAsync() => Task.CompletedTask;
}
