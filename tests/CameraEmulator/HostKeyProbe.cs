using System.Diagnostics;

namespace CameraEmulator;

/// <summary>
/// Learns the server's SSH host key as a libssh2 client would get it (ed25519 first, RSA if none), with ssh-keyscan:
/// curl does not print the full key, only fingerprints. The probe is one extra short connection before the upload.
/// </summary>
public static class HostKeyProbe
{
    public static async Task<string?> ScanAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var type in new[] { "ed25519", "rsa" })
        {
            var key = await ScanTypeAsync(host, port, type, timeout, cancellationToken);
            if (key is not null)
            {
                return key;
            }
        }

        return null;
    }

    private static async Task<string?> ScanTypeAsync(string host, int port, string type, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ssh-keyscan")
        {
            ArgumentList = { "-T", Math.Max(1, (int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", type, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), host },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ssh-keyscan did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        foreach (var line in (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!line.StartsWith('#') && parts.Length >= 3)
            {
                return parts[2];
            }
        }

        return null;
    }
}
