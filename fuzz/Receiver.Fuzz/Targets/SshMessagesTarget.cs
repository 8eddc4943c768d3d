using System.Security.Cryptography;
using Receiver.Fuzz.Support;
using Receiver.Ssh;
using Receiver.Ssh.Keys;

namespace Receiver.Fuzz.Targets;

/// <summary>
/// The message decoders a client reaches only after the key exchange (encrypted, so the transport target cannot
/// get there): the input is one decrypted payload, decoded by its first byte as SshConnection dispatches it,
/// including a publickey request's key blob and signature. Documented bad-input outcomes: SshProtocolException
/// from a decoder, FormatException from SshPublicKey.FromBlob, a failed signature check.
/// </summary>
public sealed class SshMessagesTarget : FuzzTarget
{
    private const string Messages = "Receiver.Ssh.Messages.";
    private static readonly byte[] SessionId = SHA256.HashData("fuzz"u8);
    private readonly SshPayloadParser _disconnect = SshInternals.Static<SshPayloadParser>(Messages + "DisconnectMessage", "Parse");
    private readonly SshPayloadParser _serviceRequest = SshInternals.Static<SshPayloadParser>(Messages + "ServiceRequestMessage", "Parse");
    private readonly SshPayloadParser _kexInit = SshInternals.Static<SshPayloadParser>(Messages + "KexInitMessage", "Parse");
    private readonly SshPayloadParser _userAuthRequest = SshInternals.Static<SshPayloadParser>(Messages + "UserAuthRequestMessage", "Parse");
    private readonly SshPayloadParser _globalRequest = SshInternals.Static<SshPayloadParser>(Messages + "GlobalRequestMessage", "Parse");
    private readonly SshPayloadParser _channelOpen = SshInternals.Static<SshPayloadParser>(Messages + "ChannelOpenMessage", "Parse");
    private readonly SshPayloadParser _channelRequest = SshInternals.Static<SshPayloadParser>(Messages + "ChannelRequestMessage", "Parse");
    private readonly SshRecipientReader _recipient = SshInternals.Static<SshRecipientReader>(Messages + "ChannelMessages", "ReadRecipient");
    private readonly SshWindowAdjustParser _windowAdjust = SshInternals.Static<SshWindowAdjustParser>(Messages + "ChannelMessages", "ParseWindowAdjust");
    private readonly SshDataParser _data = SshInternals.Static<SshDataParser>(Messages + "ChannelMessages", "ParseData");
    private readonly SshExtendedDataParser _extendedData = SshInternals.Static<SshExtendedDataParser>(Messages + "ChannelMessages", "ParseExtendedData");
    private readonly SshSignatureCheck _verify = SshInternals.Static<SshSignatureCheck>("Receiver.Ssh.Keys.SignatureVerifier", "Verify");

    public override string Name => "ssh-messages";

    public override string Description => "SSH message decoders after the key exchange (userauth with key blobs and signatures, global and channel messages)";

    public override void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return; // The packet layer never hands over an empty payload.
        }

        try
        {
            Decode(input);
        }
        catch (SshProtocolException)
        {
            // The documented end of a malformed message: the connection sends DISCONNECT and closes.
        }
    }

    private void Decode(ReadOnlySpan<byte> payload)
    {
        switch (payload[0])
        {
            case 1: _disconnect(payload); break;
            case 5: _serviceRequest(payload); break;
            case 20: _kexInit(payload); break;
            case 50: UserAuth(_userAuthRequest(payload)!); break;
            case 80: _globalRequest(payload); break;
            case 90: _channelOpen(payload); break;
            case 93: _windowAdjust(payload); break;
            case 94: CheckData(payload, _data(payload)); break;
            case 95: _extendedData(payload); break;
            case 98: _channelRequest(payload); break;
            case 96 or 97 or 99 or 100: _recipient(payload); break;
            default: break;
        }
    }

    private static void CheckData(ReadOnlySpan<byte> payload, (uint Recipient, int Offset, int Length) data)
    {
        // The connection slices the payload with these; they must lie inside it.
        _ = payload.Slice(data.Offset, data.Length);
    }

    private void UserAuth(object request)
    {
        if (SshInternals.Property(request, "Method") as string != "publickey")
        {
            return;
        }

        SshPublicKey key;
        try
        {
            key = SshPublicKey.FromBlob((byte[])SshInternals.Property(request, "PublicKeyBlob")!);
        }
        catch (FormatException)
        {
            return; // "unusable public key": a failed attempt, as the connection answers it.
        }

        var algorithm = (string)SshInternals.Property(request, "PublicKeyAlgorithm")!;
        if (SshInternals.Property(request, "Signature") is byte[] signature)
        {
            var signed = SshInternals.Instance<SshSignedDataBuilder>(request, "SignedData")(SessionId);
            _verify(key, algorithm, signature, signed);
        }
    }
}
