using System.Text.RegularExpressions;
using Receiver.Abstractions;

namespace Receiver.Accounts;

/// <summary>What a camera's account may do. Delete and download are off by default: a stolen camera password must not wipe or read the archive.</summary>
[Flags]
public enum CameraPermissions
{
    None = 0,
    List = 1,
    CreateDirectory = 2,
    Upload = 4,
    Rename = 8,
    Delete = 16,
    Download = 32,

    /// <summary>Replace a stored file by uploading or renaming over it without keeping the old content as a version.</summary>
    Overwrite = 64,
    Default = List | CreateDirectory | Upload | Rename,
}

/// <summary>One camera's account. The user name is the camera name; its folder is &lt;Storage:Root&gt;/&lt;name&gt;.</summary>
public sealed record CameraAccount
{
    public required string Name { get; init; }

    /// <summary>PBKDF2 hash (see <see cref="PasswordHasher"/>); empty means password login is off.</summary>
    public string PasswordHash { get; init; } = "";

    /// <summary>OpenSSH one-line public keys allowed to log in over sFTP.</summary>
    public IReadOnlyList<string> AuthorizedKeys { get; init; } = [];

    public CameraProtocols Protocols { get; init; } = CameraProtocols.All;

    public CameraPermissions Permissions { get; init; } = CameraPermissions.Default;

    public bool Enabled { get; init; } = true;

    /// <summary>FTP logins only after AUTH TLS (FTPS).</summary>
    public bool RequireTls { get; init; }

    /// <summary>Accept ssh-rsa (SHA-1) user-auth signatures for this account only (cameras on libssh2 before 1.10).</summary>
    public bool AllowSshRsaSha1 { get; init; }

    /// <summary>Storage quota in MiB (0 = none); null takes Storage:CameraQuotaMegabytes.</summary>
    public long? QuotaMegabytes { get; init; }

    /// <summary>No upload for this many hours raises a quiet-camera problem event; 0 = never, null = Events:QuietAfterHours.</summary>
    public int? QuietAfterHours { get; init; }

    /// <summary>File names (glob) of the camera's scheduled snapshots: events, but never motion.</summary>
    public string? ScheduledSnapshotPattern { get; init; }

    /// <summary>Enrollment's camera test runs until then: Test-Snapshot.jpeg is a test event, not motion.</summary>
    public DateTimeOffset? TestUploadUntil { get; init; }

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset Updated { get; init; }
}

/// <summary>Camera names double as user names and folder names, so they are kept to a safe alphabet.</summary>
public static partial class CameraName
{
    public const string Rule = "1-32 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}$")]
    private static partial Regex Pattern();
}
