using System.Runtime.InteropServices;

namespace Receiver.Storage;

/// <summary>
/// An exclusive, blocking inter-process lock on a lock file (flock(2)). Writers queue in the kernel instead of
/// polling, so a busy moment cannot starve one of them; the kernel drops the lock if the holder dies.
/// </summary>
internal sealed partial class FileLock : IDisposable
{
    private const int OpenReadWrite = 0x2;
    private const int OpenCreate = 0x40;
    private const int OpenCloseOnExec = 0x80000;
    private const int LockExclusive = 2;
    private const int Eintr = 4;

    private int _fd;

    private FileLock(int fd) => _fd = fd;

    public static FileLock Acquire(string path)
    {
        var fd = Open(path, OpenReadWrite | OpenCreate | OpenCloseOnExec, 0x180 /* 0600 */);
        if (fd < 0)
        {
            throw new IOException($"Cannot open the lock file {path} (errno {Marshal.GetLastPInvokeError()}).");
        }

        while (Flock(fd, LockExclusive) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Eintr)
            {
                Close(fd);
                throw new IOException($"Cannot lock {path} (errno {errno}).");
            }
        }

        return new FileLock(fd);
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
