using System.Diagnostics;

namespace CameraEmulator;

/// <summary>The camera's own RSA key pair (what getpubkey returns), generated with ssh-keygen in PEM form for libssh2.</summary>
public sealed class CameraSshKey : IDisposable
{
    private CameraSshKey(string directory, string publicKeyLine)
    {
        Directory = directory;
        PublicKeyLine = publicKeyLine;
    }

    public string Directory { get; }

    public string PrivateKeyPath => Path.Combine(Directory, "id_rsa");

    public string PublicKeyPath => Path.Combine(Directory, "id_rsa.pub");

    /// <summary>"ssh-rsa AAAA… comment", an authorized_keys line.</summary>
    public string PublicKeyLine { get; }

    public static async Task<CameraSshKey> GenerateAsync(CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "camera-emulator-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("ssh-keygen")
        {
            ArgumentList = { "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", string.Empty, "-C", "instar-camera", "-f", Path.Combine(directory, "id_rsa") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ssh-keygen did not start.");
        process.StandardInput.Close();
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed: {error}");
        }

        var line = (await File.ReadAllTextAsync(Path.Combine(directory, "id_rsa.pub"), cancellationToken)).Trim();
        return new CameraSshKey(directory, line);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
