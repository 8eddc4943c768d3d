using System.Net;

namespace Receiver.Abstractions.Networking;

/// <summary>Why a new connection was turned away.</summary>
public enum Refusal
{
    None,

    /// <summary>The total cap is reached.</summary>
    TooManyConnections,

    /// <summary>The source's cap is reached.</summary>
    TooManyFromSource,

    /// <summary>Random early drop among the connections not logged in yet (MaxStartups).</summary>
    EarlyDrop,

    /// <summary>The source is serving a penalty.</summary>
    Penalized,
}

/// <summary>
/// The live connections of one server and the admission rules: total and per-source caps, random early drop of
/// pre-login connections, a fair share of those slots, and per-source penalties. A connection is entered here
/// before its task starts and leaves when the task has ended, so a connection that ends at once never leaves a
/// stale entry. Thread-safe; every decision is taken under one lock.
/// </summary>
public sealed class AdmissionTable(ConnectionLimits limits, TimeSpan loginGraceTime, TimeProvider time)
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<IPAddress, int> _perSource = [];
    private readonly SourcePenalties _penalties = new(limits.Penalties, time);

    /// <summary>Open connections.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Open connections that have not logged in (and are not being pushed out).</summary>
    public int PendingCount
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count(e => e.IsPending);
            }
        }
    }

    public NetBlockSize SourceNetBlock => limits.SourceNetBlock;

    /// <summary>Snapshot of the open connections, for the heartbeat and the stop.</summary>
    public IServerConnection[] Connections
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries.Where(e => e.Connection is not null).Select(e => e.Connection!)];
            }
        }
    }

    /// <summary>
    /// Decides on a new connection from <paramref name="address"/>. On admission the entry is reserved (the caller
    /// must <see cref="Enter"/> or <see cref="Leave"/> it); <paramref name="pushedOut"/> is a pre-login connection of
    /// the heaviest source that must make room.
    /// </summary>
    public Refusal TryAdmit(IPAddress address, out Entry? entry, out IServerConnection? pushedOut)
    {
        entry = null;
        pushedOut = null;
        var source = limits.SourceNetBlock.SourceOf(address);
        if (_penalties.IsPenalized(source, out _))
        {
            return Refusal.Penalized;
        }

        lock (_entries)
        {
            _perSource.TryGetValue(source, out var fromSource);
            if (fromSource >= limits.MaxConnectionsPerSource)
            {
                return Refusal.TooManyFromSource;
            }

            var pending = _entries.Count(e => e.IsPending);
            var refusal = _entries.Count(e => !e.PushedOut) >= limits.MaxConnections ? Refusal.TooManyConnections
                : limits.MaxStartups.ShouldDrop(pending, limits.Random) ? Refusal.EarlyDrop
                : Refusal.None;
            if (refusal != Refusal.None)
            {
                // Full: a newcomer still gets in when another source holds more than its share of pre-login slots.
                var victim = HeaviestSourcesOldestPending(source);
                if (victim is null)
                {
                    return refusal;
                }

                victim.PushedOut = true;
                pushedOut = victim.Connection;
            }

            entry = new Entry(source, time.GetTimestamp());
            _entries.Add(entry);
            _perSource[source] = fromSource + 1;
            return Refusal.None;
        }
    }

    /// <summary>Attaches the connection to its reserved entry (before its task starts).</summary>
    public static void Enter(Entry entry, IServerConnection connection) => entry.Connection = connection;

    /// <summary>Removes the entry of an ended connection and charges its source's penalty; true when that started one.</summary>
    public bool Leave(Entry entry, out ConnectionEnd end)
    {
        // Charged before the entry leaves: once the connection no longer counts, its source's penalty is in force.
        end = Classify(entry);
        if (end == ConnectionEnd.LoggedIn)
        {
            _penalties.Forgive(entry.Source);
        }

        var started = end != ConnectionEnd.LoggedIn && _penalties.Add(entry.Source, end);

        lock (_entries)
        {
            _entries.Remove(entry);
            if (_perSource.TryGetValue(entry.Source, out var count) && count > 1)
            {
                _perSource[entry.Source] = count - 1;
            }
            else
            {
                _perSource.Remove(entry.Source);
            }
        }

        return started;
    }

    private ConnectionEnd Classify(Entry entry)
    {
        if (entry.Connection?.IsAuthenticated == true)
        {
            return ConnectionEnd.LoggedIn;
        }

        if (entry.PushedOut || time.GetElapsedTime(entry.AcceptedAt) >= loginGraceTime)
        {
            return ConnectionEnd.GraceExceeded;
        }

        return entry.Connection?.HasFailedLogin == true ? ConnectionEnd.AuthFailure : ConnectionEnd.NoAuth;
    }

    // Fair share of the pre-login slots: a newcomer from a source holding fewer of them than the heaviest source
    // (by at least two, so two sources never take turns pushing each other out) takes that source's oldest slot.
    private Entry? HeaviestSourcesOldestPending(IPAddress newcomer)
    {
        var pending = _entries.Where(e => e.IsPending).ToList();
        var heaviest = pending.GroupBy(e => e.Source).OrderByDescending(g => g.Count()).FirstOrDefault();
        if (heaviest is null)
        {
            return null;
        }

        // Only a running connection can be told to go (another accept loop may be between admission and start).
        var mine = pending.Count(e => e.Source.Equals(newcomer));
        return mine + 1 < heaviest.Count() ? heaviest.Where(e => e.Connection is not null).OrderBy(e => e.AcceptedAt).FirstOrDefault() : null;
    }

    /// <summary>One admitted connection.</summary>
    public sealed class Entry(IPAddress source, long acceptedAt)
    {
        public IPAddress Source { get; } = source;

        public long AcceptedAt { get; } = acceptedAt;

        public IServerConnection? Connection { get; set; }

        public bool PushedOut { get; set; }

        public bool IsPending => !PushedOut && Connection?.IsAuthenticated != true;
    }
}
