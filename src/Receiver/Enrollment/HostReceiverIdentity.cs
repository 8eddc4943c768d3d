using Receiver.Keys;
using Receiver.Provisioning.Workflow;

namespace Receiver.Enrollment;

/// <summary>The receiver's ed25519 host key, the one cameras pin.</summary>
internal sealed class HostReceiverIdentity(HostKeyStore hostKeys) : IReceiverIdentity
{
    public string HostKeyBase64 => hostKeys.Ed25519.PublicKey.Base64;

    public string HostKeyFingerprint => hostKeys.Ed25519.PublicKey.Sha256Fingerprint;
}
