namespace Receiver.Provisioning.Cgi;

/// <summary>
/// Where a camera's web server is and, optionally, the admin credentials given in the URL.
/// Accepts <c>host</c>, <c>host:port</c>, <c>[v6]:port</c> and <c>http(s)://user:password@host:port/</c>.
/// </summary>
public sealed record CameraAddress(Uri BaseUri, string? User, string? Password)
{
    public string Host => BaseUri.Host;

    /// <summary>The address as shown to the user: no credentials.</summary>
    public override string ToString() => BaseUri.GetLeftPart(UriPartial.Authority);

    public static CameraAddress Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var candidate = text.Trim();
        if (!candidate.Contains("://", StringComparison.Ordinal))
        {
            candidate = "http://" + candidate;
        }

        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new CameraValueException("camera", $"'{Redact(text)}' is not a camera address (host, host:port or http(s)://host:port).");
        }

        string? user = null;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        var builder = new UriBuilder(uri.Scheme, uri.Host, uri.Port, "/");
        return new CameraAddress(builder.Uri, user, password);
    }

    private static string Redact(string text)
    {
        var at = text.LastIndexOf('@');
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        return at < 0 ? text : text[..(scheme < 0 ? 0 : scheme + 3)] + "***@" + text[(at + 1)..];
    }
}
