using Receiver.Abstractions;

namespace Receiver.Ssh.Sftp;

/// <summary>The ATTRS structure of SFTP v3; only the fields named in <see cref="Flags"/> are meaningful.</summary>
internal struct SftpAttributes
{
    /// <summary>Encoded size of the largest ATTRS this server sends (no uid/gid, no extended pairs).</summary>
    public const int MaxEncodedLength = 4 + 8 + 4 + 4 + 4 + 8;

    private const uint RegularFileType = 0x8000; // S_IFREG
    private const uint DirectoryType = 0x4000; // S_IFDIR

    public SftpAttributeFlags Flags;
    public ulong Size;
    public uint Uid;
    public uint Gid;
    public uint Permissions;
    public uint AccessTime;
    public uint ModifiedTime;

    public readonly DateTimeOffset ModifiedAt => DateTimeOffset.FromUnixTimeSeconds(ModifiedTime);

    public static SftpAttributes FromEntry(FileEntry entry)
    {
        var mode = (uint)entry.Mode & 0xFFF;
        if (mode == 0)
        {
            mode = entry.IsDirectory ? 0x1EDu : 0x1A4u; // 0755 / 0644 when the file system does not say
        }

        var seconds = Math.Clamp(entry.LastWriteTime.ToUnixTimeSeconds(), 0, uint.MaxValue);
        return new SftpAttributes
        {
            Flags = SftpAttributeFlags.Size | SftpAttributeFlags.Permissions | SftpAttributeFlags.AccessModifiedTime,
            Size = (ulong)Math.Max(0, entry.Size),
            Permissions = mode | (entry.IsDirectory ? DirectoryType : RegularFileType),
            AccessTime = (uint)seconds,
            ModifiedTime = (uint)seconds,
        };
    }
}
