using Receiver.Ssh.Wire;

namespace Receiver.Ssh.Messages;

/// <summary>SSH_MSG_USERAUTH_REQUEST (RFC 4252 §5) for the methods the server handles.</summary>
internal sealed record UserAuthRequestMessage(string User, string Service, string Method)
{
    /// <summary>"password": the password (never logged) and whether the client asks to change it.</summary>
    public string? Password { get; init; }

    public bool ChangePassword { get; init; }

    /// <summary>"publickey": the algorithm, key blob and optional signature.</summary>
    public string? PublicKeyAlgorithm { get; init; }

    public byte[]? PublicKeyBlob { get; init; }

    public byte[]? Signature { get; init; }

    public static UserAuthRequestMessage Parse(ReadOnlySpan<byte> payload)
    {
        var r = new SshReader(payload);
        r.ExpectMessage(MessageNumber.UserAuthRequest);
        var message = new UserAuthRequestMessage(r.ReadUtf8(), r.ReadAscii(), r.ReadAscii());
        switch (message.Method)
        {
            case "password":
                var change = r.ReadBoolean();
                return message with { ChangePassword = change, Password = r.ReadUtf8() };
            case "publickey":
                var signed = r.ReadBoolean();
                var algorithm = r.ReadAscii();
                var blob = r.ReadBytes().ToArray();
                return message with { PublicKeyAlgorithm = algorithm, PublicKeyBlob = blob, Signature = signed ? r.ReadBytes().ToArray() : null };
            default:
                return message;
        }
    }

    /// <summary>The data a publickey signature covers (RFC 4252 §7).</summary>
    public byte[] SignedData(ReadOnlySpan<byte> sessionId)
    {
        using var w = new SshWriter(512);
        w.String(sessionId).Byte(MessageNumber.UserAuthRequest).String(User).String(Service).String("publickey")
            .Boolean(true).String(PublicKeyAlgorithm!).String(PublicKeyBlob!);
        return w.ToArray();
    }
}

/// <summary>SSH_MSG_USERAUTH_FAILURE (RFC 4252 §5.1).</summary>
internal sealed record UserAuthFailureMessage(IReadOnlyList<string> MethodsThatCanContinue, bool PartialSuccess)
{
    public void WriteTo(SshWriter w) => w.Byte(MessageNumber.UserAuthFailure).NameList(MethodsThatCanContinue).Boolean(PartialSuccess);
}

/// <summary>SSH_MSG_USERAUTH_PK_OK (RFC 4252 §7): the queried key would be accepted.</summary>
internal sealed record UserAuthPkOkMessage(string Algorithm, byte[] Blob)
{
    public void WriteTo(SshWriter w) => w.Byte(MessageNumber.UserAuthPkOk).String(Algorithm).String(Blob);
}
