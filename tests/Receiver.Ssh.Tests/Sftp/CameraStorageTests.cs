namespace Receiver.Ssh.Tests.Sftp;

/// <summary>
/// A test class whose every test gets its own camera storage in a temp folder (xUnit makes one instance per test),
/// removed after the test.
/// </summary>
public abstract class CameraStorageTests : IDisposable
{
    private protected TestCameraStorage Storage { get; } = new();

    public virtual void Dispose() => Storage.Dispose();
}
