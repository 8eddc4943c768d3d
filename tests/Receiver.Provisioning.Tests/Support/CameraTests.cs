using CameraEmulator;

namespace Receiver.Provisioning.Tests.Support;

/// <summary>A test class whose every test gets its own camera emulator with the factory settings.</summary>
public abstract class CameraTests : FixturePerTest
{
    private protected EmulatedCamera Camera => Started<EmulatedCamera>();

    private protected override async Task<IAsyncDisposable> StartFixtureAsync() => await CameraClients.StartAsync();
}
