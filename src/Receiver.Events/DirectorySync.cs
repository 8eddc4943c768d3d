using System.Runtime.InteropServices;

namespace Receiver.Events;

/// <summary>
/// fsync(2) of a folder, so a rename or a new file in it survives a power cut. .NET cannot open a folder as a
/// file handle, hence the three libc calls.
/// </summary>
public static partial class DirectorySync
{
    // O_RDONLY opens a folder for fsync on every Linux; O_DIRECTORY is left out because its value differs by
    // architecture (0x10000 on x86-64, 0x4000 on arm64).
    private const int ReadOnly = 0;

    public static void Flush(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(folder, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Could not open the folder {folder} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"Could not flush the folder {folder} to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
