namespace CameraEmulator;

/// <summary>A small JPEG-shaped blob (SOI, JFIF APP0, filler, EOI), like the camera's Test-Snapshot.jpeg.</summary>
public static class TestSnapshot
{
    public const string FileName = "Test-Snapshot.jpeg";

    public static byte[] Create(int size = 2048)
    {
        var bytes = new byte[size];
        byte[] header = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
        header.CopyTo(bytes, 0);
        for (var i = header.Length; i < size - 2; i++)
        {
            bytes[i] = (byte)(i * 31 % 251);
        }

        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }
}
