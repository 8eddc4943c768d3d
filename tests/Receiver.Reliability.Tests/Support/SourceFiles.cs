namespace Receiver.Reliability.Tests.Support;

/// <summary>Random files to upload, kept so the bytes that arrive can be compared with what was sent.</summary>
public sealed class SourceFiles : IDisposable
{
    private readonly TempFolder _temp = new("receiver-rel-src-");
    private readonly Dictionary<string, byte[]> _contents = new(StringComparer.Ordinal);

    public string Create(string name, int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllBytes(path, bytes);
        _contents[name] = bytes;
        return path;
    }

    public byte[] Contents(string name) => _contents[name];

    public bool Has(string name) => _contents.ContainsKey(name);

    public void Dispose() => _temp.Dispose();
}
