using System.Net;
using Receiver.Fuzz.Support;
using Receiver.Ssh;
using Receiver.Ssh.Keys;
using Receiver.Testing;

namespace Receiver.Fuzz.Targets;

/// <summary>
/// A whole server-side SSH connection before authentication, fed the input as the client's bytes: the version
/// line, the binary packet framing (RFC 4253 §6), and what is legal unencrypted (KEXINIT, the key exchange init,
/// IGNORE/DEBUG/DISCONNECT). The connection must end on its own at the end of the input, with no unexpected
/// exception logged; a protocol error ends it by design.
/// </summary>
public sealed class SshTransportTarget : FuzzTarget
{
    private static readonly SshHostKey HostKey = SshHostKey.GenerateEd25519();
    private static readonly IPEndPoint Client = new(IPAddress.Loopback, 40000);
    private readonly FindingLog _log = new();
    private readonly ConnectionSettings _settings = new(new SshServerOptions
    {
        HostKeys = [HostKey],
        Authenticator = new RefusingSshAuthenticator(),
    });

    public override string Name => "ssh";

    public override string Description => "SSH version line, binary packet framing and key exchange messages (a whole connection before login)";

    public override void Run(byte[] input)
    {
        var connection = new SshConnection(new DuplexStream(new MemoryStream(input, writable: false), Stream.Null), Client, _settings, _log);
        try
        {
            SessionDeadline.Wait(connection.RunAsync(CancellationToken.None), "The SSH connection");
        }
        finally
        {
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _log.ThrowIfAny();
    }
}
