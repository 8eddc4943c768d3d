namespace Receiver.Ssh.Sftp;

/// <summary>Packet types of SFTP v3 (draft-ietf-secsh-filexfer-02, section 3).</summary>
internal enum SftpPacketType : byte
{
    Init = 1,
    Version = 2,
    Open = 3,
    Close = 4,
    Read = 5,
    Write = 6,
    Lstat = 7,
    Fstat = 8,
    Setstat = 9,
    Fsetstat = 10,
    Opendir = 11,
    Readdir = 12,
    Remove = 13,
    Mkdir = 14,
    Rmdir = 15,
    Realpath = 16,
    Stat = 17,
    Rename = 18,
    Readlink = 19,
    Symlink = 20,
    Status = 101,
    Handle = 102,
    Data = 103,
    Name = 104,
    Attrs = 105,
    Extended = 200,
    ExtendedReply = 201,
}

/// <summary>SSH_FX status codes of SFTP v3; OpenSSH sends nothing beyond these to a v3 client.</summary>
internal enum SftpStatusCode : uint
{
    Ok = 0,
    Eof = 1,
    NoSuchFile = 2,
    PermissionDenied = 3,
    Failure = 4,
    BadMessage = 5,
    NoConnection = 6,
    ConnectionLost = 7,
    OpUnsupported = 8,
}

/// <summary>SSH_FXF_* flags of an OPEN request.</summary>
[Flags]
internal enum SftpOpenFlags : uint
{
    Read = 0x01,
    Write = 0x02,
    Append = 0x04,
    Create = 0x08,
    Truncate = 0x10,
    Exclusive = 0x20,
}

/// <summary>SSH_FILEXFER_ATTR_* flags saying which attribute fields are present.</summary>
[Flags]
internal enum SftpAttributeFlags : uint
{
    None = 0,
    Size = 0x01,
    UidGid = 0x02,
    Permissions = 0x04,
    AccessModifiedTime = 0x08,
    Extended = 0x80000000,
}

/// <summary>The protocol version and extension names this server speaks.</summary>
internal static class SftpExtensions
{
    public const uint ProtocolVersion = 3;
    public const string PosixRename = "posix-rename@openssh.com";
    public const string StatVfs = "statvfs@openssh.com";
    public const string Fsync = "fsync@openssh.com";
    public const string Limits = "limits@openssh.com";

    /// <summary>Advertised in VERSION as name/version pairs, with the versions OpenSSH's sftp-server uses.</summary>
    public static readonly (string Name, string Version)[] Advertised =
    [
        (PosixRename, "1"),
        (StatVfs, "2"),
        (Fsync, "1"),
        (Limits, "1"),
    ];
}
