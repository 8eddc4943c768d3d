namespace Receiver.Ssh.Sftp;

/// <summary>OPENDIR, READDIR, MKDIR, RMDIR.</summary>
internal sealed partial class SftpRequestHandler
{
    private void Opendir(uint id, ReadOnlySpan<byte> body)
    {
        var path = ReadPath(body);
        _handles.EnsureRoom();

        // The listing is taken now so that a missing or refused folder fails OPENDIR, as clients expect.
        var entries = fileSystem.ListDirectory(path);
        replies.WriteHandle(id, _handles.Add(new SftpDirectoryHandle(path, entries)));
    }

    private void Readdir(uint id, ReadOnlySpan<byte> body)
    {
        var reader = new SftpPayloadReader(body);
        var handle = _handles.Get<SftpDirectoryHandle>(reader.ReadBytes(), "the handle is not an open directory");
        _requestPath = handle.Path;
        if (handle.Position >= handle.Entries.Count)
        {
            replies.WriteStatus(id, SftpStatusCode.Eof, "End of file");
            return;
        }

        var count = Math.Min(options.DirectoryEntriesPerReply, handle.Entries.Count - handle.Position);
        var now = timeProvider.GetUtcNow();
        var names = new SftpNameEntry[count];
        for (var i = 0; i < count; i++)
        {
            var entry = handle.Entries[handle.Position + i];
            var attributes = SftpAttributes.FromEntry(entry);
            names[i] = new SftpNameEntry(entry.Name, SftpLongName.Format(entry, attributes, Camera, now), attributes);
        }

        handle.Position += count;
        replies.WriteName(id, names);
    }

    private void Mkdir(uint id, ReadOnlySpan<byte> body)
    {
        var reader = new SftpPayloadReader(body);
        var path = ReadPath(ref reader);
        reader.ReadAttributes(); // the mode of the new folder is the file system's decision
        fileSystem.CreateDirectory(path);
        ReplyOk(id);
    }

    private void Rmdir(uint id, ReadOnlySpan<byte> body)
    {
        fileSystem.RemoveDirectory(ReadPath(body));
        ReplyOk(id);
    }
}
