namespace Receiver.Fuzz.Support;

/// <summary>
/// What a harness throws for a finding the code under test swallowed itself: an unexpected exception it only logged
/// (the server turns those into an error reply or a dropped session, but they are bugs), or a session that did not end.
/// </summary>
public sealed class FuzzFindingException(string message, Exception? inner = null) : Exception(message, inner);
