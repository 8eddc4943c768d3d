namespace Receiver.Ssh.Sftp;

/// <summary>The client broke the wire format; the session cannot continue and ends.</summary>
internal sealed class SftpProtocolException(string message) : Exception(message);
