namespace Receiver.Ssh.Kex;

/// <summary>
/// Where a connection is in its key exchanges (RFC 4253 §7). One state instead of overlapping flags: what the
/// client may send and whether the connection layer may send follow from it alone.
/// </summary>
internal enum KexState
{
    /// <summary>No keys yet: our first KEXINIT is out (at connection start), the client's is awaited.</summary>
    FirstKexInitSent,

    /// <summary>Keys in use, no exchange running: everything flows.</summary>
    Idle,

    /// <summary>
    /// A re-exchange we started: our KEXINIT is out, the client's is not in yet. Messages the client sent before it
    /// saw ours are still processed; our replies to them are held (bounded) until our NEWKEYS.
    /// </summary>
    KexInitSent,

    /// <summary>Both KEXINITs exchanged, the client's key exchange init awaited: only transport messages (1-49).</summary>
    AwaitingKexDhInit,

    /// <summary>Our reply and NEWKEYS are out (we send with the new keys); the client's NEWKEYS is awaited: only transport messages.</summary>
    AwaitingNewKeys,
}
