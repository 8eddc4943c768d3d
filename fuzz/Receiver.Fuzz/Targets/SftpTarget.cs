using Receiver.Fuzz.Support;
using Receiver.Ssh.Sftp;
using Receiver.Testing;

namespace Receiver.Fuzz.Targets;

/// <summary>
/// An SFTP session (the packet framing and every request decoder) on an in-memory file system, fed the input as
/// the client's packets after INIT. Bad packets end the session (RunAsync returns) and failed requests earn a
/// status reply; an exception out of RunAsync or one logged as unexpected ("internal server error") is a finding.
/// </summary>
public sealed class SftpTarget : FuzzTarget
{
    // SSH_FXP_INIT version 3, so that every input starts in the request loop.
    private static readonly byte[] Init = [0, 0, 0, 5, 1, 0, 0, 0, 3];
    private readonly FindingLog _log = new();

    public override string Name => "sftp";

    public override string Description => "SFTP v3 packet framing and request decoders (a whole session after INIT)";

    public override void Run(byte[] input)
    {
        var session = new SftpSession(new InMemoryFileSystem("cam"), _log);
        SessionDeadline.Wait(session.RunAsync(new DuplexStream(new MemoryStream([.. Init, .. input], writable: false), Stream.Null), CancellationToken.None), "The SFTP session");
        _log.ThrowIfAny();
    }
}
