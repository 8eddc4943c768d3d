using System.Text;
using Receiver.Abstractions;

namespace Receiver.Storage;

/// <summary>
/// Maps a session's virtual path to a real path inside one camera's folder, or refuses it. Virtual paths are
/// normalized lexically (".." at the root stays at the root); NUL, control characters, backslashes, over-long
/// names and symbolic links anywhere below the camera's folder are refused, so no path resolves outside it.
/// </summary>
public sealed class PathJail
{
    public const int MaxNameBytes = 255;
    public const int MaxPathLength = 1024;

    public PathJail(string cameraFolder)
    {
        Root = Path.GetFullPath(cameraFolder).TrimEnd(Path.DirectorySeparatorChar);
    }

    /// <summary>The camera's folder (full path, no trailing separator).</summary>
    public string Root { get; }

    /// <summary>The normalized virtual path, after checking every character the client sent.</summary>
    public static string Clean(string virtualPath)
    {
        if (virtualPath.Length > MaxPathLength)
        {
            throw new FileSystemException(FileSystemError.InvalidPath, $"Path longer than {MaxPathLength} characters.");
        }

        foreach (var c in virtualPath)
        {
            if (c < 0x20 || c == 0x7f || c == '\\')
            {
                throw new FileSystemException(FileSystemError.InvalidPath, "Path contains a control character or a backslash.");
            }
        }

        var normalized = VirtualPath.Normalize(virtualPath);
        foreach (var segment in normalized.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Encoding.UTF8.GetByteCount(segment) > MaxNameBytes)
            {
                throw new FileSystemException(FileSystemError.InvalidPath, $"File name longer than {MaxNameBytes} bytes.");
            }
        }

        return normalized;
    }

    /// <summary>The real path for a virtual one; refuses any symbolic link on the way.</summary>
    public string Resolve(string virtualPath)
    {
        var normalized = Clean(virtualPath);
        var real = Root;
        foreach (var segment in normalized.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            real = Path.Combine(real, segment);
            if (IsSymbolicLink(real))
            {
                throw new FileSystemException(FileSystemError.PermissionDenied, "Symbolic links are not followed.");
            }
        }

        // Belt and braces: the lexical rules above already make this impossible.
        var full = Path.GetFullPath(real);
        if (full != Root && !full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, "Path leaves the camera's folder.");
        }

        return full;
    }

    private static bool IsSymbolicLink(string path)
    {
        try
        {
            return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
