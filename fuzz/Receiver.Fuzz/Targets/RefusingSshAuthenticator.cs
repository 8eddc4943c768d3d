using Receiver.Ssh;
using Receiver.Ssh.Keys;

namespace Receiver.Fuzz.Targets;

/// <summary>Nobody logs in: the harnesses fuzz what a client can send before that.</summary>
internal sealed class RefusingSshAuthenticator : ISshAuthenticator
{
    public SshAuthResult CheckPassword(SshAuthRequest request, string password) => SshAuthResult.Failure("fuzzing");

    public SshAuthResult CheckPublicKey(SshAuthRequest request, SshPublicKey key, string signatureAlgorithm, SshKeyCheck check) =>
        SshAuthResult.Failure("fuzzing");

    public bool AllowsSha1RsaSignatures(SshAuthRequest request) => true;
}
