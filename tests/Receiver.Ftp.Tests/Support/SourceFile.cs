namespace Receiver.Ftp.Tests.Support;

/// <summary>A file of random bytes for an external client (curl, ftplib) to upload.</summary>
internal static class SourceFile
{
    public static (string Path, byte[] Bytes) Make(string folder, string name, int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return (path, bytes);
    }
}
