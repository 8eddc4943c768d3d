using System.Security.Cryptography;

namespace Receiver.Provisioning.Workflow;

/// <summary>OpenSSH-style SHA256 fingerprints of keys given as base64 blobs or key lines.</summary>
public static class SshKeyFingerprint
{
    public static string OfBlob(string base64)
    {
        try
        {
            return "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(base64))).TrimEnd('=');
        }
        catch (FormatException)
        {
            return "(not a base64 key)";
        }
    }

    /// <summary>"ssh-rsa SHA256:…" for an authorized_keys line.</summary>
    public static string OfLine(string keyLine)
    {
        var parts = keyLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? $"{parts[0]} {OfBlob(parts[1])}" : "(not a key line)";
    }
}
