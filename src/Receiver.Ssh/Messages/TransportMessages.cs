using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Messages;

/// <summary>SSH_MSG_KEXINIT (RFC 4253 §7.1).</summary>
internal sealed record KexInitMessage(
    IReadOnlyList<string> KexAlgorithms,
    IReadOnlyList<string> ServerHostKeyAlgorithms,
    IReadOnlyList<string> CiphersClientToServer,
    IReadOnlyList<string> CiphersServerToClient,
    IReadOnlyList<string> MacsClientToServer,
    IReadOnlyList<string> MacsServerToClient,
    IReadOnlyList<string> CompressionClientToServer,
    IReadOnlyList<string> CompressionServerToClient,
    bool FirstKexPacketFollows)
{
    public static KexInitMessage Parse(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload);
        r.ExpectMessage(MessageNumber.KexInit);
        r.ReadFixedBytes(16);
        var message = new KexInitMessage(
            r.ReadNameList(), r.ReadNameList(), r.ReadNameList(), r.ReadNameList(),
            r.ReadNameList(), r.ReadNameList(), r.ReadNameList(), r.ReadNameList(),
            FirstKexPacketFollows: false);
        r.ReadNameList();
        r.ReadNameList();
        return message with { FirstKexPacketFollows = r.ReadBoolean() };
    }

    /// <summary>The payload, with a fresh random cookie.</summary>
    public byte[] ToPayload()
    {
        using var w = new SshWriter(1024);
        w.Byte(MessageNumber.KexInit);
        System.Security.Cryptography.RandomNumberGenerator.Fill(w.Grow(16));
        w.NameList(KexAlgorithms).NameList(ServerHostKeyAlgorithms)
            .NameList(CiphersClientToServer).NameList(CiphersServerToClient)
            .NameList(MacsClientToServer).NameList(MacsServerToClient)
            .NameList(CompressionClientToServer).NameList(CompressionServerToClient)
            .NameList([]).NameList([]).Boolean(FirstKexPacketFollows).UInt32(0);
        return w.ToArray();
    }
}

/// <summary>SSH_MSG_DISCONNECT (RFC 4253 §11.1).</summary>
internal sealed record DisconnectMessage(DisconnectReason Reason, string Description)
{
    public static DisconnectMessage Parse(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload);
        r.ExpectMessage(MessageNumber.Disconnect);
        return new DisconnectMessage((DisconnectReason)r.ReadUInt32(), r.ReadUtf8());
    }

    public void WriteTo(SshWriter w) => w.Byte(MessageNumber.Disconnect).UInt32((uint)Reason).String(Description).String("");
}

/// <summary>SSH_MSG_EXT_INFO (RFC 8308 §2.3) with the extensions the server announces.</summary>
internal sealed record ExtInfoMessage(IReadOnlyList<KeyValuePair<string, string>> Extensions)
{
    public void WriteTo(SshWriter w)
    {
        w.Byte(MessageNumber.ExtInfo).UInt32((uint)Extensions.Count);
        foreach (var (name, value) in Extensions)
        {
            w.String(name).String(value);
        }
    }
}

/// <summary>SSH_MSG_SERVICE_REQUEST / SERVICE_ACCEPT (RFC 4253 §10).</summary>
internal sealed record ServiceRequestMessage(string ServiceName)
{
    public static ServiceRequestMessage Parse(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload);
        r.ExpectMessage(MessageNumber.ServiceRequest);
        return new ServiceRequestMessage(r.ReadAscii());
    }

    public void WriteAcceptTo(SshWriter w) => w.Byte(MessageNumber.ServiceAccept).String(ServiceName);
}

/// <summary>SSH_MSG_UNIMPLEMENTED (RFC 4253 §11.4).</summary>
internal sealed record UnimplementedMessage(uint Sequence)
{
    public void WriteTo(SshWriter w) => w.Byte(MessageNumber.Unimplemented).UInt32(Sequence);
}
