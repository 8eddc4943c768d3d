using Receiver.Ssh.Tests.Transport;

namespace Receiver.Ssh.Tests.Host;

/// <summary>A host SFTP test class whose every test also has its own ed25519 key for OpenSSH's client.</summary>
public abstract class OpenSshHostSftpTests : HostSftpTests
{
    private OpenSsh.KeyFile? _clientKey;

    /// <summary>The client's key file (in the host's scratch folder), for <c>sftp -i</c>.</summary>
    private protected OpenSsh.KeyFile ClientKey => _clientKey ?? throw new InvalidOperationException("The key is made in PrepareAsync.");

    private protected override async Task PrepareAsync() => _clientKey = await OpenSsh.NewKeyAsync(Fixture.Scratch, "ed25519");
}
