using System.Globalization;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Events.Quiet;
using Receiver.Ssh.Keys;
using Receiver.Storage;

namespace Receiver.Cli;

/// <summary>--add-camera, --set-camera, --remove-camera and --list-cameras.</summary>
internal sealed class CameraCommands(AccountStore accounts, DataPaths paths, TimeProvider time, TextReader input, TextWriter output, QuotaLedger quota, int quietDefaultHours = 0)
{
    public int Add(CommandLine line)
    {
        var name = line.Argument!;
        if (!CameraName.IsValid(name))
        {
            throw new UsageException($"Camera name '{name}' is not valid: {CameraName.Rule}.");
        }

        var keys = ReadKeys(line.GetAll("--authorized-key"));
        var (password, generated) = line.Has("--password-stdin") ? (ReadPassword(), false) : (PasswordGenerator.Generate(), true);
        var now = time.GetUtcNow();
        accounts.Add(new CameraAccount
        {
            Name = name,
            PasswordHash = PasswordHasher.Hash(password),
            AuthorizedKeys = keys,
            Protocols = line.Get("--protocols") is { } p ? ParseProtocols(p) : CameraProtocols.All,
            Permissions = CameraPermissions.Default | ParsePermissions(line.Get("--allow")),
            RequireTls = line.Has("--require-tls"),
            QuotaMegabytes = ParseQuota(line.Get("--quota-mb")),
            Created = now,
            Updated = now,
        });
        Directory.CreateDirectory(paths.CameraFolder(name));
        output.WriteLine($"Added camera '{name}' (user name '{name}'), uploads go to {paths.CameraFolder(name)}");
        if (keys.Count > 0)
        {
            output.WriteLine($"Authorized keys: {keys.Count}");
        }

        if (generated)
        {
            output.WriteLine($"Password (shown only now): {password}");
        }

        return 0;
    }

    public int Set(CommandLine line)
    {
        var name = line.Argument!;
        var newKeys = ReadKeys(line.GetAll("--authorized-key"));
        string? password = line.Has("--password-stdin") ? ReadPassword() : line.Has("--reset-password") ? PasswordGenerator.Generate() : null;
        var updated = accounts.Update(name, existing =>
        {
            if (existing is null)
            {
                throw new UsageException($"There is no camera '{name}' (see --list-cameras).");
            }

            var keys = line.Has("--remove-keys") ? [] : existing.AuthorizedKeys.ToList();
            keys.AddRange(newKeys.Where(k => !keys.Contains(k)));
            return existing with
            {
                PasswordHash = password is null ? existing.PasswordHash : PasswordHasher.Hash(password),
                AuthorizedKeys = keys,
                Protocols = line.Get("--protocols") is { } p ? ParseProtocols(p) : existing.Protocols,
                Permissions = (existing.Permissions | ParsePermissions(line.Get("--allow"))) & ~ParsePermissions(line.Get("--deny")),
                RequireTls = line.Get("--require-tls") is { } tls ? ParseBool("--require-tls", tls) : existing.RequireTls,
                AllowSshRsaSha1 = line.Get("--allow-ssh-rsa-sha1") is { } sha1 ? ParseBool("--allow-ssh-rsa-sha1", sha1) : existing.AllowSshRsaSha1,
                Enabled = line.Has("--disable") ? false : line.Has("--enable") || existing.Enabled,
                QuotaMegabytes = line.Has("--quota-mb") ? ParseQuota(line.Get("--quota-mb")) : existing.QuotaMegabytes,
                QuietAfterHours = line.Get("--quiet-after-hours") is { } quiet ? ParseHours(quiet) : existing.QuietAfterHours,
                ScheduledSnapshotPattern = line.Get("--scheduled-snapshots") is { } pattern ? (pattern.Length == 0 ? null : pattern) : existing.ScheduledSnapshotPattern,
                Updated = time.GetUtcNow(),
            };
        })!;
        output.WriteLine($"Updated camera '{name}': {Describe(updated)}");
        if (password is not null && !line.Has("--password-stdin"))
        {
            output.WriteLine($"New password (shown only now): {password}");
        }

        return 0;
    }

    public int Remove(CommandLine line)
    {
        var name = line.Argument!;
        if (!accounts.Remove(name))
        {
            output.WriteLine($"There is no camera '{name}'.");
            return 1;
        }

        output.WriteLine($"Removed camera '{name}'. Its uploads were kept in {paths.CameraFolder(name)}");
        return 0;
    }

    public int List()
    {
        var all = accounts.List();
        if (all.Count == 0)
        {
            output.WriteLine("No cameras yet. Add one with: receiver --add-camera NAME   (or: receiver --enroll CAMERA-ADDRESS)");
            return 0;
        }

        var quietNow = QuietMonitor.QuietCameras(Path.Combine(paths.SystemFolder, "events"));
        output.WriteLine($"{"NAME",-20} {"PROTOCOLS",-15} {"KEYS",4} {"STATE",-8} {"PERMISSIONS",-40} {"USED",10} {"QUOTA",10} {"QUIET AFTER",-16} LAST UPLOAD");
        foreach (var account in all)
        {
            var last = LastUpload(account.Name);
            var used = Megabytes(CameraHistory.MeasureBytes(paths.CameraFolder(account.Name)));
            var limit = quota.QuotaBytes(account) is > 0 and var bytes ? Megabytes(bytes) : "none";
            var quiet = QuietAfter(account) + (quietNow.Contains(account.Name) ? " QUIET" : "");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{account.Name,-20} {ProtocolList(account.Protocols),-15} {account.AuthorizedKeys.Count,4} {(account.Enabled ? "enabled" : "disabled"),-8} {account.Permissions,-40} {used,10} {limit,10} {quiet,-16} {(last is null ? "never" : last.Value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}"));
        }

        return 0;
    }

    private DateTime? LastUpload(string camera)
    {
        var folder = new DirectoryInfo(paths.CameraFolder(camera));
        if (!folder.Exists)
        {
            return null;
        }

        DateTime? newest = null;
        foreach (var file in folder.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            var written = file.LastWriteTime;
            if (newest is null || written > newest)
            {
                newest = written;
            }
        }

        return newest;
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MiB");

    // "--quota-mb N" (0 = none) or "--quota-mb default" (Storage:CameraQuotaMegabytes).
    private static long? ParseQuota(string? value) => value switch
    {
        null or "default" => null,
        _ when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes) => megabytes,
        _ => throw new UsageException($"--quota-mb takes a number of MiB (0 = no quota) or 'default' (was '{value}')."),
    };

    private string ReadPassword()
    {
        var password = input.ReadLine()?.TrimEnd('\r') ?? "";
        if (password.Length == 0)
        {
            throw new UsageException("--password-stdin read an empty password.");
        }

        if (password.Any(char.IsControl))
        {
            throw new UsageException("The password must not contain control characters.");
        }

        return password;
    }

    private static List<string> ReadKeys(IEnumerable<string> files)
    {
        var keys = new List<string>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new UsageException($"--authorized-key: no such file '{file}'.");
            }

            foreach (var raw in File.ReadAllLines(file))
            {
                var text = raw.Trim();
                if (text.Length == 0 || text.StartsWith('#'))
                {
                    continue;
                }

                try
                {
                    keys.Add(SshPublicKey.ParseAuthorizedKey(text).ToOpenSshLine());
                }
                catch (FormatException ex)
                {
                    throw new UsageException($"--authorized-key {file}: not an OpenSSH public key ({ex.Message}).");
                }
            }
        }

        return keys;
    }

    internal static CameraProtocols ParseProtocols(string list)
    {
        var result = CameraProtocols.None;
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            result |= item.ToLowerInvariant() switch
            {
                "sftp" => CameraProtocols.Sftp,
                "ftp" => CameraProtocols.Ftp,
                "ftps" => CameraProtocols.Ftps,
                "all" => CameraProtocols.All,
                _ => throw new UsageException($"Unknown protocol '{item}' (use sftp, ftps, ftp)."),
            };
        }

        return result == CameraProtocols.None ? throw new UsageException("--protocols needs at least one protocol.") : result;
    }

    internal static CameraPermissions ParsePermissions(string? list)
    {
        var result = CameraPermissions.None;
        foreach (var item in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            result |= item.ToLowerInvariant() switch
            {
                "list" => CameraPermissions.List,
                "mkdir" => CameraPermissions.CreateDirectory,
                "upload" => CameraPermissions.Upload,
                "rename" => CameraPermissions.Rename,
                "delete" => CameraPermissions.Delete,
                "download" => CameraPermissions.Download,
                "overwrite" => CameraPermissions.Overwrite,
                _ => throw new UsageException($"Unknown permission '{item}' (use list, mkdir, upload, rename, delete, download, overwrite)."),
            };
        }

        return result;
    }

    private string QuietAfter(CameraAccount account) => account.QuietAfterHours switch
    {
        null => quietDefaultHours > 0 ? $"{quietDefaultHours} h (default)" : "off",
        0 => "off",
        var hours => $"{hours} h",
    };

    private static int ParseHours(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours <= 24 * 365
            ? hours
            : throw new UsageException("--quiet-after-hours takes a whole number of hours from 0 (never) to 8760.");

    private static bool ParseBool(string option, string value) => value.ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        _ => throw new UsageException($"{option} takes true or false."),
    };

    private static string ProtocolList(CameraProtocols protocols) =>
        string.Join(',', new[] { (CameraProtocols.Sftp, "sftp"), (CameraProtocols.Ftps, "ftps"), (CameraProtocols.Ftp, "ftp") }
            .Where(p => (protocols & p.Item1) != 0).Select(p => p.Item2));

    private static string Describe(CameraAccount account) =>
        $"{ProtocolList(account.Protocols)}; {account.AuthorizedKeys.Count} keys; {account.Permissions}; " +
        $"{(account.Enabled ? "enabled" : "disabled")}{(account.RequireTls ? "; TLS required" : "")}{(account.AllowSshRsaSha1 ? "; ssh-rsa SHA-1 allowed" : "")}{(account.QuotaMegabytes is { } q ? $"; quota {(q == 0 ? "none" : q + " MiB")}" : "")}" +
        $"{(account.QuietAfterHours is { } h ? $"; quiet after {h} h" : "")}{(account.ScheduledSnapshotPattern is { } p ? $"; scheduled snapshots '{p}'" : "")}";
}
