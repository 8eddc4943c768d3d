using System.Net;
using Microsoft.Extensions.Logging;

namespace Receiver.Abstractions.Networking;

/// <summary>
/// Logs refused connections without letting a flood of them flood the log: the first refusal of a second is
/// logged, the rest of that second are counted and reported with the next line.
/// </summary>
internal sealed partial class RefusalLog(string protocol, TimeProvider time, ILogger logger)
{
    private readonly object _gate = new();
    private long _lastLogged = long.MinValue;
    private int _suppressed;

    public void Refused(IPEndPoint remote, Refusal refusal, int pending)
    {
        int suppressed;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_lastLogged != long.MinValue && time.GetElapsedTime(_lastLogged, now) < TimeSpan.FromSeconds(1))
            {
                _suppressed++;
                return;
            }

            _lastLogged = now;
            suppressed = _suppressed;
            _suppressed = 0;
        }

        LogRefused(logger, protocol, remote, Describe(refusal), pending, suppressed);
    }

    private static string Describe(Refusal refusal) => refusal switch
    {
        Refusal.TooManyConnections => "too many connections",
        Refusal.TooManyFromSource => "too many connections from that source",
        Refusal.EarlyDrop => "early drop: many connections not logged in yet",
        Refusal.Penalized => "source penalized for connections that ended without a login",
        _ => refusal.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Protocol} connection from {RemoteEndPoint}: {Reason} ({Pending} not logged in; {Suppressed} more refusals not logged)")]
    private static partial void LogRefused(ILogger logger, string protocol, IPEndPoint remoteEndPoint, string reason, int pending, int suppressed);
}
