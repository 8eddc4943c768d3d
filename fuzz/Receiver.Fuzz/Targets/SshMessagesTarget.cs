using System.Security.Cryptography;
using Receiver.Ssh;
using Receiver.Ssh.Keys;
using Receiver.Ssh.Messages;

namespace Receiver.Fuzz.Targets;

/// <summary>
/// The message decoders a client reaches only after the key exchange (encrypted, so the transport target cannot
/// get there): the input is one decrypted payload, decoded by its first byte as SshConnection dispatches it,
/// including a publickey request's key blob and signature. Documented bad-input outcomes: SshProtocolException
/// from a decoder, FormatException from SshPublicKey.FromBlob, a failed signature check.
/// </summary>
public sealed class SshMessagesTarget : FuzzTarget
{
    private static readonly byte[] SessionId = SHA256.HashData("fuzz"u8);

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

    private static void Decode(ReadOnlySpan<byte> payload)
    {
        switch (payload[0])
        {
            case 1: DisconnectMessage.Parse(payload); break;
            case 5: ServiceRequestMessage.Parse(payload); break;
            case 20: KexInitMessage.Parse(payload); break;
            case 50: UserAuth(UserAuthRequestMessage.Parse(payload)); break;
            case 80: GlobalRequestMessage.Parse(payload); break;
            case 90: ChannelOpenMessage.Parse(payload); break;
            case 93: ChannelMessages.ParseWindowAdjust(payload); break;
            case 94: CheckData(payload, ChannelMessages.ParseData(payload)); break;
            case 95: ChannelMessages.ParseExtendedData(payload); break;
            case 98: ChannelRequestMessage.Parse(payload); break;
            case 96 or 97 or 99 or 100: ChannelMessages.ReadRecipient(payload, payload[0]); break;
            default: break;
        }
    }

    private static void CheckData(ReadOnlySpan<byte> payload, (uint Recipient, int Offset, int Length) data)
    {
        // The connection slices the payload with these; they must lie inside it.
        _ = payload.Slice(data.Offset, data.Length);
    }

    private static void UserAuth(UserAuthRequestMessage request)
    {
        if (request.Method != "publickey")
        {
            return;
        }

        SshPublicKey key;
        try
        {
            key = SshPublicKey.FromBlob(request.PublicKeyBlob!);
        }
        catch (FormatException)
        {
            return; // "unusable public key": a failed attempt, as the connection answers it.
        }

        if (request.Signature is { } signature)
        {
            SignatureVerifier.Verify(key, request.PublicKeyAlgorithm!, signature, request.SignedData(SessionId));
        }
    }
}
