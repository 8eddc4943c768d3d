namespace Receiver.Events.Tests.Support;

/// <summary>Upload contents: a JPEG-looking snapshot (SOI marker, random body, EOI) and other bytes.</summary>
internal static class TestFiles
{
    public static byte[] Jpeg(int size = 20_000, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }

    public static byte[] Random(int size, int seed = 2)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
