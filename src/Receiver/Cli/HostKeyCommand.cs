using Receiver.Keys;

namespace Receiver.Cli;

/// <summary>--show-hostkey: what a camera displays and what a person compares.</summary>
internal sealed class HostKeyCommand(HostKeyStore hostKeys, TextWriter output)
{
    public int Run()
    {
        var key = hostKeys.Ed25519.PublicKey;
        output.WriteLine($"Host key (base64, as the camera shows it): {key.Base64}");
        output.WriteLine($"OpenSSH line:                              {key.KeyType} {key.Base64}");
        output.WriteLine($"Fingerprint:                               {key.Sha256Fingerprint}");
        return 0;
    }
}
