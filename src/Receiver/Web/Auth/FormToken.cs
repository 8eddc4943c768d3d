using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Receiver.Web.Auth;

/// <summary>
/// Anti-forgery: every form carries a hidden token that another site cannot read. Signed in, it is the session's
/// token; on the sign-in form it must match a cookie of its own (SameSite=Strict, so a foreign page cannot send it).
/// </summary>
internal static class FormToken
{
    public const string FieldName = "_token";
    public const string SignInCookie = "receiver_signin";

    public static bool Matches(string? sent, string expected) =>
        sent is not null && expected.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));

    public static CookieOptions CookieOptions(bool secure, TimeSpan? maxAge = null) => new()
    {
        HttpOnly = true,
        Secure = secure,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = maxAge,
        IsEssential = true,
    };
}
