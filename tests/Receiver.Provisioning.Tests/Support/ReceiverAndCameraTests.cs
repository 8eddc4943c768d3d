namespace Receiver.Provisioning.Tests.Support;

/// <summary>
/// A test class whose every test enrolls its own camera emulator into its own running receiver: both start before
/// the test and stop after it, so a test only says what it does.
/// </summary>
public abstract class ReceiverAndCameraTests : CameraTests
{
    private RunningReceiver? _receiver;

    private protected RunningReceiver Receiver => _receiver ?? throw new InvalidOperationException("The receiver starts in InitializeAsync.");

    private protected override async Task PrepareAsync() => _receiver = await RunningReceiver.StartAsync();

    public override async Task DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
