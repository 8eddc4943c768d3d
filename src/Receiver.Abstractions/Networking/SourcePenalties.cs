using System.Net;

namespace Receiver.Abstractions.Networking;

/// <summary>How a connection that never logged in ended, for <see cref="SourcePenalties"/>.</summary>
public enum ConnectionEnd
{
    /// <summary>It logged in (no penalty).</summary>
    LoggedIn,

    /// <summary>It closed without a login attempt.</summary>
    NoAuth,

    /// <summary>It failed at least one login and closed.</summary>
    AuthFailure,

    /// <summary>It held its slot silently until the login grace time, or was pushed out for a fairer share.</summary>
    GraceExceeded,
}

/// <summary>The penalty box: penalty time per source, decaying with the clock; bounded in size.</summary>
public sealed class SourcePenalties(PenaltyOptions options, TimeProvider time)
{
    private readonly Dictionary<IPAddress, DateTimeOffset> _until = [];

    /// <summary>Whether the source is refused now, and for how long still.</summary>
    public bool IsPenalized(IPAddress source, out TimeSpan remaining)
    {
        remaining = TimeSpan.Zero;
        if (!options.Enabled)
        {
            return false;
        }

        lock (_until)
        {
            if (_until.TryGetValue(source, out var until))
            {
                remaining = until - time.GetUtcNow();
            }
        }

        return remaining >= options.Threshold;
    }

    /// <summary>Adds the penalty for one ended connection; returns true when this made the source refused.</summary>
    public bool Add(IPAddress source, ConnectionEnd end)
    {
        var amount = end switch
        {
            ConnectionEnd.NoAuth => options.NoAuth,
            ConnectionEnd.AuthFailure => options.AuthFailure,
            ConnectionEnd.GraceExceeded => options.GraceExceeded,
            _ => TimeSpan.Zero,
        };
        if (amount <= TimeSpan.Zero)
        {
            return false;
        }

        var now = time.GetUtcNow();
        lock (_until)
        {
            if (!_until.TryGetValue(source, out var until))
            {
                if (_until.Count >= options.MaxSources && !Prune(now))
                {
                    return false;
                }

                until = now;
            }

            var before = until - now;
            var after = (until > now ? until : now) + amount;
            if (after - now > options.Max)
            {
                after = now + options.Max;
            }

            _until[source] = after;
            return before < options.Threshold && after - now >= options.Threshold;
        }
    }

    /// <summary>A login from the source clears its penalty: a camera that failed once and then logged in is not punished.</summary>
    public void Forgive(IPAddress source)
    {
        lock (_until)
        {
            _until.Remove(source);
        }
    }

    private bool Prune(DateTimeOffset now)
    {
        foreach (var (source, until) in _until.ToList())
        {
            if (until <= now)
            {
                _until.Remove(source);
            }
        }

        return _until.Count < options.MaxSources;
    }
}
