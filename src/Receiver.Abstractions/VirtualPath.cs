namespace Receiver.Abstractions;

/// <summary>
/// Lexical handling of a session's virtual paths. It never touches the disk: the file system still jails
/// every path it is given. ".." at the root stays at the root, as in an OpenSSH chroot.
/// </summary>
public static class VirtualPath
{
    public const string Root = "/";

    /// <summary>Resolves <paramref name="path"/> against <paramref name="currentDirectory"/> into a normalized absolute path.</summary>
    public static string Combine(string currentDirectory, string path)
    {
        var start = path.StartsWith('/') ? path : currentDirectory + "/" + path;
        return Normalize(start);
    }

    /// <summary>Collapses "//", "." and ".." into an absolute path that starts with "/" and has no trailing "/".</summary>
    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(segment);
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>The parent folder of a normalized path ("/" for "/" itself).</summary>
    public static string Parent(string path)
    {
        var index = path.LastIndexOf('/');
        return index <= 0 ? Root : path[..index];
    }

    /// <summary>The last segment of a normalized path ("" for the root).</summary>
    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];
}
