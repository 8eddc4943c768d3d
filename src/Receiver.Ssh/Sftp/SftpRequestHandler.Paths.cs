using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>STAT/LSTAT, SETSTAT, REMOVE, RENAME, REALPATH: requests on paths.</summary>
internal sealed partial class SftpRequestHandler
{
    /// <summary>STAT and LSTAT answer alike: the jail has no symbolic links.</summary>
    private void Stat(uint id, ReadOnlySpan<byte> body) =>
        replies.WriteAttributes(id, SftpAttributes.FromEntry(fileSystem.Stat(ReadPath(body))));

    private void Setstat(uint id, ReadOnlySpan<byte> body)
    {
        var reader = new SftpPayloadReader(body);
        var path = ReadPath(ref reader);
        var attributes = reader.ReadAttributes();

        // Size, permissions and owner are accepted and ignored (clients send them after every `put -p`),
        // but the path must exist, as it would for chmod.
        if (attributes.Flags.HasFlag(SftpAttributeFlags.AccessModifiedTime))
        {
            fileSystem.SetLastWriteTime(path, attributes.ModifiedAt);
        }
        else
        {
            fileSystem.Stat(path);
        }

        ReplyOk(id);
    }

    private void Remove(uint id, ReadOnlySpan<byte> body)
    {
        fileSystem.DeleteFile(ReadPath(body));
        ReplyOk(id);
    }

    /// <summary>v3 RENAME must not replace an existing target (posix-rename@openssh.com does).</summary>
    private void Rename(uint id, ReadOnlySpan<byte> body)
    {
        var reader = new SftpPayloadReader(body);
        var source = ReadPath(ref reader);
        var target = reader.ReadPath();

        // The file system refuses an existing target itself, atomically; a Stat here first would race.
        fileSystem.Rename(source, target, replaceExisting: false);
        ReplyOk(id);
    }

    /// <summary>
    /// Resolves lexically against the account root, which is "/": "." and "" are "/" and ".." never climbs above
    /// it. The path need not exist (clients canonicalize upload targets before creating them).
    /// </summary>
    private void Realpath(uint id, ReadOnlySpan<byte> body)
    {
        var path = ReadPath(body);
        replies.WriteName(id, [new SftpNameEntry(path, path, default)]);
    }
}
