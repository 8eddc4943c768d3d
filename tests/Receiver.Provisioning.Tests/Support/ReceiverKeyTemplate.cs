using Microsoft.Extensions.Logging.Abstractions;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Storage;

namespace Receiver.Provisioning.Tests.Support;

/// <summary>
/// Host keys (ed25519 + RSA 3072) and the FTPS certificate made once per test run and copied into each test
/// receiver's data folder: generating RSA keys for every receiver would dominate the run time.
/// </summary>
internal static class ReceiverKeyTemplate
{
    private static readonly Lazy<string> Template = new(Create);

    public static void CopyInto(string root)
    {
        var paths = new DataPaths(root);
        paths.EnsureCreated();
        foreach (var file in Directory.GetFiles(Template.Value))
        {
            File.Copy(file, Path.Combine(paths.KeysFolder, Path.GetFileName(file)));
        }
    }

    private static string Create()
    {
        var paths = new DataPaths(Path.Combine(Path.GetTempPath(), "prov-keys-" + Guid.NewGuid().ToString("N")[..10]));
        _ = new HostKeyStore(paths, NullLogger<HostKeyStore>.Instance).Keys;
        _ = new TlsCertificateStore(paths, Microsoft.Extensions.Options.Options.Create(new FtpsOptions()), TimeProvider.System, NullLogger<TlsCertificateStore>.Instance).Certificate;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(paths.Root, recursive: true);
        return paths.KeysFolder;
    }
}
