using Microsoft.Extensions.Logging;
using Receiver.Ssh.Keys;
using Receiver.Storage;

namespace Receiver.Keys;

/// <summary>
/// The receiver's SSH host keys (ed25519, the one handed to cameras, and RSA 3072), created on first start in
/// OpenSSH format with mode 0600. An existing key is never regenerated: a camera pinned it. An unreadable key
/// stops the start with a clear message and is left as it is.
/// </summary>
public sealed class HostKeyStore
{
    private readonly DataPaths _paths;
    private readonly ILogger<HostKeyStore> _logger;
    private readonly Lazy<IReadOnlyList<SshHostKey>> _keys;

    public HostKeyStore(DataPaths paths, ILogger<HostKeyStore> logger)
    {
        _paths = paths;
        _logger = logger;
        _keys = new Lazy<IReadOnlyList<SshHostKey>>(LoadOrCreate);
    }

    public string Ed25519Path => Path.Combine(_paths.KeysFolder, "ssh_host_ed25519_key");

    public string RsaPath => Path.Combine(_paths.KeysFolder, "ssh_host_rsa_key");

    /// <summary>All host keys, ed25519 first.</summary>
    public IReadOnlyList<SshHostKey> Keys => _keys.Value;

    public SshHostKey Ed25519 => Keys[0];

    private IReadOnlyList<SshHostKey> LoadOrCreate()
    {
        _paths.EnsureCreated();
        return
        [
            LoadOrCreate(Ed25519Path, SshHostKey.GenerateEd25519),
            LoadOrCreate(RsaPath, () => SshHostKey.GenerateRsa(3072)),
        ];
    }

    private SshHostKey LoadOrCreate(string path, Func<SshHostKey> generate)
    {
        if (File.Exists(path))
        {
            try
            {
                return SshHostKey.ParseOpenSsh(File.ReadAllText(path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
            {
                throw new Hosting.StartFailureException(
                    $"The SSH host key {path} (in Storage:Root) cannot be read ({ex.Message}). It was left untouched: restore it from a backup, " +
                    "or delete it to create a new one (cameras that pinned the old key must then be enrolled again).", ex);
            }
        }

        var key = generate();
        var comment = $"receiver@{Environment.MachineName}";
        PrivateFile.WriteAllText(path, key.ToOpenSshPrivateKey(comment));
        PrivateFile.WriteAllText(path + ".pub", key.PublicKey.ToOpenSshLine() + Environment.NewLine,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        _logger.LogInformation("Created SSH host key {KeyType} {Fingerprint} in {Path}", key.KeyType, key.PublicKey.Sha256Fingerprint, path);
        return key;
    }
}
