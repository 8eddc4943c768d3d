namespace Receiver.Ftp.Session;

/// <summary>A command line that cannot be a valid command (too long, not UTF-8, control bytes); it ends the session.</summary>
internal sealed class ControlLineException(string message) : Exception(message);
