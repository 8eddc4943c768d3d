namespace Receiver.Ssh.Sftp;

/// <summary>Plugs <see cref="SftpSession"/> into the SSH server as its "sftp" subsystem.</summary>
public static class SftpSubsystem
{
    /// <summary>
    /// A handler for <see cref="SshServerOptions.SftpSubsystem"/>: each channel gets its own session on the file
    /// system of the login, logging through the connection's logger and publishing to its event sink.
    /// </summary>
    /// <param name="limits">Limits for every session (packet and read/write sizes, open handles); its event fields are ignored.</param>
    public static SshSubsystemHandler Create(SftpSessionOptions? limits = null)
    {
        var template = limits ?? new SftpSessionOptions();
        return (session, channel, cancellationToken) =>
        {
            var options = template.ForSession(session.Events, session.SessionId, session.RemoteEndPoint, session.TimeProvider);
            return new SftpSession(session.FileSystem, session.Logger, options).RunAsync(channel, cancellationToken);
        };
    }
}
