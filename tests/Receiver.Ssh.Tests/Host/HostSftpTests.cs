namespace Receiver.Ssh.Tests.Host;

/// <summary>A test class whose every test uploads into its own host: storage, accounts and the SSH server.</summary>
public abstract class HostSftpTests : FixturePerTest
{
    private protected HostSftpFixture Fixture => Started<HostSftpFixture>();

    private protected override async Task<IAsyncDisposable> StartFixtureAsync() => await HostSftpFixture.StartAsync();
}
