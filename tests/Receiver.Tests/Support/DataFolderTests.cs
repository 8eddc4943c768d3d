namespace Receiver.Tests.Support;

/// <summary>
/// A test class whose every test gets its own data folder (the receiver's Storage:Root) in a temp folder (xUnit
/// makes one instance per test), removed after the test.
/// </summary>
public abstract class DataFolderTests : IDisposable
{
    private protected TempFolder Temp { get; } = new();

    private protected DataPaths Paths => new(Temp.Combine("data"));

    public virtual void Dispose() => Temp.Dispose();
}
