using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Accounts;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Storage;

namespace Receiver.Reliability.Tests.Support;

/// <summary>
/// A receiver data folder (Storage:Root) for one test: host keys copied from a set made once per run (an RSA 3072
/// key takes a while on a busy machine), camera accounts written through the host's own account store.
/// </summary>
public sealed class DataRoot : IDisposable
{
    private static readonly Lazy<string> TemplateKeys = new(MakeTemplateKeys);
    private readonly TempFolder? _ownedFolder;

    public DataRoot(string? path = null)
    {
        _ownedFolder = path is null ? new TempFolder("receiver-rel-") : null;
        Path = path ?? _ownedFolder!.Path;
        var paths = new DataPaths(Path);
        paths.EnsureCreated();
        Directory.CreateDirectory(paths.KeysFolder);
        foreach (var file in Directory.GetFiles(TemplateKeys.Value))
        {
            File.Copy(file, System.IO.Path.Combine(paths.KeysFolder, System.IO.Path.GetFileName(file)), overwrite: true);
        }

        Paths = paths;
    }

    public string Path { get; }

    public DataPaths Paths { get; }

    public string Incoming => Paths.IncomingFolder;

    public static string Today => DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void AddCamera(string name, string password) =>
        new AccountStore(Paths).Add(new CameraAccount
        {
            Name = name,
            PasswordHash = PasswordHasher.Hash(password),
            Permissions = CameraPermissions.Default,
        });

    /// <summary>Where a completed upload lands in the daily layout (yesterday's folder if it completed before midnight).</summary>
    public string FinalPath(string camera, string file)
    {
        var today = System.IO.Path.Combine(Path, camera, Today, file);
        var yesterday = System.IO.Path.Combine(Path, camera, DateTime.Now.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), file);
        return !File.Exists(today) && File.Exists(yesterday) ? yesterday : today;
    }

    /// <summary>Files visible to a user under the camera's folder (hidden staging excluded: it lives in .receiver).</summary>
    public IReadOnlyList<string> FinalFiles(string camera)
    {
        var folder = System.IO.Path.Combine(Path, camera);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    public IReadOnlyList<string> Temporaries() =>
        Directory.Exists(Incoming) ? Directory.GetFiles(Incoming) : [];

    public void Dispose() => _ownedFolder?.Dispose();

    private static string MakeTemplateKeys()
    {
        var template = Directory.CreateTempSubdirectory("receiver-rel-keys-").FullName;
        var paths = new DataPaths(template);
        paths.EnsureCreated();
        _ = new HostKeyStore(paths, NullLogger<HostKeyStore>.Instance).Keys;
        _ = new TlsCertificateStore(paths, Microsoft.Extensions.Options.Options.Create(new FtpsOptions()), TimeProvider.System, NullLogger<TlsCertificateStore>.Instance).Certificate;
        return paths.KeysFolder;
    }
}
