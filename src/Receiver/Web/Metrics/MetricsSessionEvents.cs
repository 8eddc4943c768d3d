using System.Collections.Concurrent;
using Receiver.Abstractions;

namespace Receiver.Web.Metrics;

/// <summary>
/// Turns protocol session events into metrics: open sessions, login attempts and failed uploads. A session's
/// protocol is taken at connect (an FTP session that switches to TLS stays counted where it started).
/// </summary>
public sealed class MetricsSessionEvents(ReceiverMetrics metrics) : ISessionEventSink
{
    private readonly ConcurrentDictionary<string, CameraProtocols> _open = new(StringComparer.Ordinal);

    public void Publish(SessionEvent e)
    {
        switch (e.Kind)
        {
            case SessionEventKind.Connected:
                if (_open.TryAdd(e.Protocol + "/" + e.SessionId, e.Protocol))
                {
                    metrics.SessionOpened(e.Protocol);
                }

                break;
            case SessionEventKind.Closed:
                if (_open.TryRemove(e.Protocol + "/" + e.SessionId, out var protocol) || TryRemoveAny(e.SessionId, out protocol))
                {
                    metrics.SessionClosed(protocol);
                }

                break;
            case SessionEventKind.LoginSucceeded or SessionEventKind.LoginFailed:
                var method = Method(e);
                if (method != "none")
                {
                    metrics.LoginAttempt(e.Protocol.Name(), method, e.Kind == SessionEventKind.LoginSucceeded);
                }

                break;
            case SessionEventKind.UploadFailed when e.User is not null:
                metrics.UploadFailed(e.User, e.Protocol, e.Detail.Split(':')[0]);
                break;
        }
    }

    /// <summary>SSH names the method first ("publickey ...", "password: reason"; "none" is the client's query, not a try); FTP logs in by password only.</summary>
    private static string Method(SessionEvent e)
    {
        if (e.Protocol != CameraProtocols.Sftp)
        {
            return "password";
        }

        var first = e.Detail.Split([' ', ':', '('], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "unknown";
        return first.ToLowerInvariant() switch
        {
            "publickey" => "publickey",
            "password" => "password",
            "keyboard-interactive" => "keyboard-interactive",
            "none" => "none",
            _ => "other",
        };
    }

    private bool TryRemoveAny(string sessionId, out CameraProtocols protocol)
    {
        foreach (var key in _open.Keys.Where(k => k.EndsWith("/" + sessionId, StringComparison.Ordinal)))
        {
            if (_open.TryRemove(key, out protocol))
            {
                return true;
            }
        }

        protocol = CameraProtocols.None;
        return false;
    }
}
