using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Messages;

/// <summary>SSH_MSG_GLOBAL_REQUEST (RFC 4254 §4).</summary>
internal sealed record GlobalRequestMessage(string Name, bool WantReply)
{
    public static GlobalRequestMessage Parse(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload);
        r.ExpectMessage(MessageNumber.GlobalRequest);
        return new GlobalRequestMessage(r.ReadAscii(), r.ReadBoolean());
    }
}

/// <summary>SSH_MSG_CHANNEL_OPEN (RFC 4254 §5.1).</summary>
internal sealed record ChannelOpenMessage(string ChannelType, uint SenderChannel, uint InitialWindowSize, uint MaximumPacketSize)
{
    public static ChannelOpenMessage Parse(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload);
        r.ExpectMessage(MessageNumber.ChannelOpen);
        return new ChannelOpenMessage(r.ReadAscii(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32());
    }
}

internal sealed record ChannelOpenConfirmationMessage(uint RecipientChannel, uint SenderChannel, uint InitialWindowSize, uint MaximumPacketSize)
{
    public void WriteTo(SshWriter w) =>
        w.Byte(MessageNumber.ChannelOpenConfirmation).UInt32(RecipientChannel).UInt32(SenderChannel).UInt32(InitialWindowSize).UInt32(MaximumPacketSize);
}

/// <summary>SSH_MSG_CHANNEL_OPEN_FAILURE reason codes (RFC 4254 §5.1).</summary>
internal enum ChannelOpenFailureReason : uint
{
    AdministrativelyProhibited = 1,
    ConnectFailed = 2,
    UnknownChannelType = 3,
    ResourceShortage = 4,
}

internal sealed record ChannelOpenFailureMessage(uint RecipientChannel, ChannelOpenFailureReason Reason, string Description)
{
    public void WriteTo(SshWriter w) =>
        w.Byte(MessageNumber.ChannelOpenFailure).UInt32(RecipientChannel).UInt32((uint)Reason).String(Description).String("");
}

/// <summary>SSH_MSG_CHANNEL_REQUEST (RFC 4254 §5.4); only the subsystem name is read from the request data.</summary>
internal sealed record ChannelRequestMessage(uint RecipientChannel, string RequestType, bool WantReply, string? SubsystemName)
{
    public static ChannelRequestMessage Parse(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload);
        r.ExpectMessage(MessageNumber.ChannelRequest);
        var recipient = r.ReadUInt32();
        var type = r.ReadAscii();
        var wantReply = r.ReadBoolean();
        return new ChannelRequestMessage(recipient, type, wantReply, type == "subsystem" ? r.ReadUtf8() : null);
    }
}

/// <summary>Messages that are just a recipient channel (and maybe a number): WINDOW_ADJUST, EOF, CLOSE, SUCCESS, FAILURE.</summary>
internal static class ChannelMessages
{
    /// <summary>The recipient channel of a message that carries nothing else (EOF, CLOSE).</summary>
    public static uint ReadRecipient(ReadOnlySpan<byte> payload, byte number)
    {
        var r = new SshReader(payload);
        r.ExpectMessage(number);
        return r.ReadUInt32();
    }

    public static (uint Recipient, uint BytesToAdd) ParseWindowAdjust(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload);
        r.ExpectMessage(MessageNumber.ChannelWindowAdjust);
        return (r.ReadUInt32(), r.ReadUInt32());
    }

    /// <summary>CHANNEL_DATA: the data as a slice of the payload (no copy).</summary>
    public static (uint Recipient, int Offset, int Length) ParseData(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload);
        r.ExpectMessage(MessageNumber.ChannelData);
        var recipient = r.ReadUInt32();
        var data = r.ReadBytes();
        return (recipient, payload.Length - data.Length, data.Length);
    }

    /// <summary>CHANNEL_EXTENDED_DATA: only its length matters (it still uses window).</summary>
    public static (uint Recipient, int Length) ParseExtendedData(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload);
        r.ExpectMessage(MessageNumber.ChannelExtendedData);
        var recipient = r.ReadUInt32();
        r.ReadUInt32();
        return (recipient, r.ReadBytes().Length);
    }

    public static void WriteSimple(SshWriter w, byte number, uint recipient) => w.Byte(number).UInt32(recipient);

    public static void WriteWindowAdjust(SshWriter w, uint recipient, uint bytes) =>
        w.Byte(MessageNumber.ChannelWindowAdjust).UInt32(recipient).UInt32(bytes);

    public static void WriteExitStatus(SshWriter w, uint recipient, uint status) =>
        w.Byte(MessageNumber.ChannelRequest).UInt32(recipient).String("exit-status").Boolean(false).UInt32(status);
}
