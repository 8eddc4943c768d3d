namespace Receiver.Reliability.Tests.Support;

/// <summary>Random files to upload, kept so the bytes that arrive can be compared with what was sent.</summary>
public sealed class SourceFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("receiver-rel-src-").FullName;
    private readonly Dictionary<string, byte[]> _contents = new(StringComparer.Ordinal);

    public string Create(string name, int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        _contents[name] = bytes;
        return path;
    }

    public byte[] Contents(string name) => _contents[name];

    public bool Has(string name) => _contents.ContainsKey(name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
