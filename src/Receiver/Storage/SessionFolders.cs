namespace Receiver.Storage;

/// <summary>
/// What one session has seen: the folders it made, listed or changed into (they stay valid after midnight, when today's
/// folder starts empty, and are made again under the new day when an upload needs them) and the files it uploaded itself
/// (whose time it may still set: put -p, MFMT after STOR).
/// </summary>
internal sealed class SessionFolders
{
    private const int MaxRemembered = 4096;

    private readonly object _gate = new();
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _uploads = new(StringComparer.Ordinal);

    public void Remember(string virtualFolder)
    {
        lock (_gate)
        {
            for (var folder = virtualFolder; folder != "/" && _folders.Count < MaxRemembered && _folders.Add(folder); folder = Abstractions.VirtualPath.Parent(folder))
            {
            }
        }
    }

    public bool Knows(string virtualFolder)
    {
        lock (_gate)
        {
            return _folders.Contains(virtualFolder);
        }
    }

    public void Forget(string virtualFolder)
    {
        lock (_gate)
        {
            _folders.RemoveWhere(folder => folder == virtualFolder || folder.StartsWith(virtualFolder + "/", StringComparison.Ordinal));
        }
    }

    public void MarkUploaded(string realPath)
    {
        lock (_gate)
        {
            if (_uploads.Count >= MaxRemembered)
            {
                _uploads.Clear();
            }

            _uploads.Add(realPath);
        }
    }

    public bool Uploaded(string realPath)
    {
        lock (_gate)
        {
            return _uploads.Contains(realPath);
        }
    }

    /// <summary>An uploaded file renamed (upload as .tmp, then rename) is still this session's own.</summary>
    public void Moved(string fromReal, string toReal)
    {
        lock (_gate)
        {
            if (_uploads.Remove(fromReal))
            {
                _uploads.Add(toReal);
            }
        }
    }
}
