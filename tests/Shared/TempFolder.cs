namespace Receiver.Testing;

/// <summary>
/// A fresh folder under the system temp folder for one test or one fixture, removed on dispose. Linked into every
/// test project, so that each has one way to make and clean up scratch space.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "receiver-tests-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still hold a file; the OS cleans the temp folder eventually.
        }
    }
}
