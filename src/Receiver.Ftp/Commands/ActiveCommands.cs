using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Receiver.Abstractions;
using Receiver.Abstractions.Networking;
using Receiver.Ftp.Data;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Commands;

/// <summary>PORT and EPRT: the server connects to the client, but only to the control connection's own address (no FTP bounce).</summary>
internal static class ActiveCommands
{
    public static async ValueTask Port(FtpSession session, string argument)
    {
        var parts = argument.Trim().Split(',');
        var numbers = new byte[6];
        if (parts.Length != 6 || !parts.Select((part, i) => byte.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])).All(ok => ok))
        {
            await session.ReplyAsync(501, "Syntax: PORT h1,h2,h3,h4,p1,p2").ConfigureAwait(false);
            return;
        }

        var address = new IPAddress(numbers.AsSpan(0, 4));
        await AcceptTargetAsync(session, new IPEndPoint(address, (numbers[4] << 8) | numbers[5]), "PORT").ConfigureAwait(false);
    }

    public static async ValueTask Eprt(FtpSession session, string argument)
    {
        // |protocol|address|port| with any delimiter character (RFC 2428).
        var text = argument.Trim();
        var fields = text.Length > 1 ? text.Split(text[0]) : [];
        if (fields.Length != 5
            || fields[1] is not ("1" or "2")
            || !IPAddress.TryParse(fields[2], out var address)
            || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            await session.ReplyAsync(501, "Syntax: EPRT |protocol|address|port|").ConfigureAwait(false);
            return;
        }

        await AcceptTargetAsync(session, new IPEndPoint(address, port), "EPRT").ConfigureAwait(false);
    }

    private static async ValueTask AcceptTargetAsync(FtpSession session, IPEndPoint target, string verb)
    {
        if (session.EpsvOnly)
        {
            await session.ReplyAsync(501, "Only EPSV is allowed after EPSV ALL.").ConfigureAwait(false);
            return;
        }

        var address = SourceAddress.Normalize(target.Address);
        if (!address.Equals(session.PeerAddress) || target.Port == 0)
        {
            session.Logger.LogWarning("Refused {Verb} to {Target}: the control connection comes from {Peer}", verb, target, session.PeerAddress);
            session.Publish(SessionEventKind.Refused, $"{verb} to {target} (control connection from {session.PeerAddress})");
            await session.ReplyAsync(500, $"Illegal {verb} command: data connections go only to {session.PeerAddress}.").ConfigureAwait(false);
            return;
        }

        session.ReplaceDataSource(new ActiveDataSource(new IPEndPoint(address, target.Port), session.LocalAddress));
        await session.ReplyAsync(200, $"{verb} command successful. Consider using PASV.").ConfigureAwait(false);
    }
}
