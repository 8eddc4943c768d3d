using System.Collections.Concurrent;
using System.Security.Cryptography;
using Receiver.Storage;
using Receiver.Web.Hosting;

namespace Receiver.Web.Auth;

/// <summary>One signed-in browser: a random id (the cookie) and the anti-forgery token its forms carry.</summary>
public sealed class WebSession(string id, string formToken, FileStamp adminStamp, DateTimeOffset now)
{
    public string Id { get; } = id;

    public string FormToken { get; } = formToken;

    public FileStamp AdminStamp { get; } = adminStamp;

    public DateTimeOffset LastSeen { get; set; } = now;
}

/// <summary>
/// Signed-in sessions, in memory (a restart signs everyone out). Our own rather than ASP.NET Core's cookie
/// authentication handler, which NativeAOT does not support. Bounded: the oldest go first.
/// </summary>
public sealed class WebSessions(AdminCredentials admin, WebSettings settings, TimeProvider time)
{
    public const string CookieName = "receiver_session";
    private const int MaxSessions = 200;

    private readonly ConcurrentDictionary<string, WebSession> _sessions = new(StringComparer.Ordinal);

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public WebSession Create()
    {
        if (_sessions.Count >= MaxSessions)
        {
            foreach (var old in _sessions.Values.OrderBy(s => s.LastSeen).Take(MaxSessions / 10))
            {
                _sessions.TryRemove(old.Id, out _);
            }
        }

        var session = new WebSession(NewToken(), NewToken(), admin.Stamp, time.GetUtcNow());
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The live session of this cookie value; null when unknown, idle too long, or the admin password changed since.</summary>
    public WebSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (now - session.LastSeen > TimeSpan.FromHours(settings.Options.SessionIdleHours) || session.AdminStamp != admin.Stamp)
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        session.LastSeen = now;
        return session;
    }

    public void End(string id) => _sessions.TryRemove(id, out _);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
