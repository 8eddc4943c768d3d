using CameraEmulator;

namespace Receiver.Provisioning.Tests.Support;

/// <summary>
/// A test class whose every test enrolls against its own running receiver and camera emulator: xUnit makes one
/// instance per test, and this starts both before the test and stops both after, so a test only says what it does.
/// </summary>
public abstract class ReceiverAndCameraTests : IAsyncLifetime
{
    private RunningReceiver? _receiver;
    private EmulatedCamera? _camera;

    private protected RunningReceiver Receiver => _receiver ?? throw new InvalidOperationException("The receiver starts in InitializeAsync.");

    private protected EmulatedCamera Camera => _camera ?? throw new InvalidOperationException("The camera starts in InitializeAsync.");

    public async Task InitializeAsync()
    {
        _receiver = await RunningReceiver.StartAsync();
        _camera = await CameraClients.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_camera is not null)
        {
            await _camera.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}
