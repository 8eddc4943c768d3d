using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Options;

namespace Receiver.Accounts;

/// <summary>
/// Counts failed logins per source address and per (address, account), and locks them out for a cool-down.
/// An account is never locked for everyone: a password-guessing attacker elsewhere must not silence a camera.
/// Shared by FTP and sFTP. Memory is bounded: expired entries are pruned and the table has a cap.
/// </summary>
public sealed class LoginThrottle
{
    private const int MaxEntries = 50_000;

    private readonly SecurityOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LoginThrottle> _logger;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public LoginThrottle(IOptions<SecurityOptions> options, TimeProvider time, ILogger<LoginThrottle> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised once per lockout (metrics); handlers must be fast and must not throw.</summary>
    public event Action? LockedOut;

    /// <summary>True while the address, or the address for this account, is locked out.</summary>
    public bool IsLockedOut(IPAddress address, string account)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return LockedUntil(AddressKey(address), now) || LockedUntil(PairKey(address, account), now);
        }
    }

    public void RecordFailure(IPAddress address, string account)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Prune(now);
            Count(AddressKey(address), _options.MaxFailuresPerAddress, now, address, null);
            Count(PairKey(address, account), _options.MaxFailuresPerAccount, now, address, account);
        }
    }

    /// <summary>A good login clears that pair's count (not the address's: one known password must not reset a guessing spree).</summary>
    public void RecordSuccess(IPAddress address, string account)
    {
        lock (_gate)
        {
            _entries.Remove(PairKey(address, account));
        }
    }

    private void Count(string key, int limit, DateTimeOffset now, IPAddress address, string? account)
    {
        var window = TimeSpan.FromSeconds(_options.FailureWindowSeconds);
        if (!_entries.TryGetValue(key, out var entry) || now - entry.WindowStart > window)
        {
            entry = new Entry { WindowStart = now };
            _entries[key] = entry;
        }

        entry.Failures++;
        if (entry.Failures >= limit && entry.LockedUntil < now)
        {
            entry.LockedUntil = now.AddSeconds(_options.LockoutSeconds);
            LockedOut?.Invoke();
            _logger.LogWarning(
                "Locked out {RemoteAddress} for {Camera} after {Failures} failed logins in {WindowSeconds} s; cool-down {LockoutSeconds} s",
                address, account ?? "(any account)", entry.Failures, _options.FailureWindowSeconds, _options.LockoutSeconds);
        }
    }

    private bool LockedUntil(string key, DateTimeOffset now) =>
        _entries.TryGetValue(key, out var entry) && entry.LockedUntil > now;

    private void Prune(DateTimeOffset now)
    {
        if (_entries.Count < MaxEntries)
        {
            return;
        }

        var window = TimeSpan.FromSeconds(_options.FailureWindowSeconds);
        foreach (var (key, entry) in _entries.ToList())
        {
            if (entry.LockedUntil < now && now - entry.WindowStart > window)
            {
                _entries.Remove(key);
            }
        }

        if (_entries.Count >= MaxEntries)
        {
            // Still full of live entries: drop the oldest windows rather than grow without bound.
            foreach (var key in _entries.OrderBy(e => e.Value.WindowStart).Take(MaxEntries / 10).Select(e => e.Key).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private static string AddressKey(IPAddress address) => Normalize(address).ToString();

    private static string PairKey(IPAddress address, string account) => Normalize(address) + "|" + account;

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private sealed class Entry
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
