using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Abstractions;
using Receiver.Abstractions.Networking;
using Receiver.Options;

namespace Receiver.Accounts;

/// <summary>
/// Counts failed logins per source and per (source, account), and locks them out for a cool-down; a source is an
/// address grouped as Security:PerSourceNetBlockSize says. An account is never locked for everyone: a
/// password-guessing attacker elsewhere must not silence a camera. Against an attacker who rotates addresses,
/// each account's recent failures from all sources slow its next failure's answer (capped, never a lock).
/// Shared by FTP and sFTP. Memory is bounded: expired entries are pruned and the table has a cap.
/// </summary>
public sealed class LoginThrottle
{
    private const int MaxEntries = 50_000;

    private readonly SecurityOptions _options;
    private readonly NetBlockSize _netBlock;
    private readonly TimeProvider _time;
    private readonly ILogger<LoginThrottle> _logger;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public LoginThrottle(IOptions<SecurityOptions> options, TimeProvider time, ILogger<LoginThrottle> logger)
    {
        _options = options.Value;
        _netBlock = Hosting.AdmissionSettings.NetBlockSize(_options);
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

    /// <summary>Counts a failure; returns how long to wait before answering it (the account's slow-down).</summary>
    public TimeSpan RecordFailure(IPAddress address, string account)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Prune(now);
            Count(AddressKey(address), _options.MaxFailuresPerAddress, now, address, null);
            Count(PairKey(address, account), _options.MaxFailuresPerAccount, now, address, account);
            var failures = Count(AccountKey(account), int.MaxValue, now, address, account);
            var delay = (long)_options.AccountSlowdownStepMilliseconds * failures;
            return TimeSpan.FromMilliseconds(Math.Min(delay, _options.AccountSlowdownMaxMilliseconds));
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

    private int Count(string key, int limit, DateTimeOffset now, IPAddress address, string? account)
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
                address, LogText.Escape(account ?? "(any account)"), entry.Failures, _options.FailureWindowSeconds, _options.LockoutSeconds);
        }

        return entry.Failures;
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

    private string AddressKey(IPAddress address) => "source|" + _netBlock.SourceOf(address);

    private string PairKey(IPAddress address, string account) => "pair|" + _netBlock.SourceOf(address) + "|" + account;

    private static string AccountKey(string account) => "account|" + account;

    private sealed class Entry
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
