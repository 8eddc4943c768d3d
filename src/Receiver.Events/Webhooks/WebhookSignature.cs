using System.Security.Cryptography;
using System.Text;

namespace Receiver.Events.Webhooks;

/// <summary>Standard Webhooks signing: v1,base64(HMAC-SHA256(secret, "id.timestamp.body")).</summary>
public static class WebhookSignature
{
    private const string Prefix = "whsec_";

    public static bool TryParseSecret(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            key = Convert.FromBase64String(secret[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }

        return key.Length >= 24;
    }

    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
